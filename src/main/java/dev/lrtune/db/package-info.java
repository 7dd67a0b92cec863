/**
 * Database plumbing shared by the features: id allocation, telling an unreachable database from other errors, and
 * running the Flyway migrations.
 */
package dev.lrtune.db;
