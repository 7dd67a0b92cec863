/** Database plumbing shared by the features: id allocation, telling an unreachable database from other errors. */
package dev.lrtune.db;
