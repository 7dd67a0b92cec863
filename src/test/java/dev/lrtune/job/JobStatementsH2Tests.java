package dev.lrtune.job;

import dev.lrtune.ShortJobsOnH2;

/**
 * {@link JobStatementsScenarios} on an in-memory H2 database, where its short job ends before its first flush as it
 * does at the default second.
 */
@ShortJobsOnH2
class JobStatementsH2Tests extends JobStatementsScenarios {
}
