/** Database plumbing shared by the features: id allocation. */
package dev.lrtune.db;
