/**
 * Database plumbing shared by the features: id allocation, telling an unreachable database from other errors, the
 * upkeep every instance runs on a timer ({@link dev.lrtune.db.PeriodicCheck}), and running the Flyway migrations.
 */
package dev.lrtune.db;
