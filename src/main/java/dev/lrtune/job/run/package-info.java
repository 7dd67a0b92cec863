/**
 * Running a claimed job: {@link dev.lrtune.job.run.JobRunner} loads its dataset through
 * {@link dev.lrtune.job.run.JobDatasets}, hands a {@link dev.lrtune.job.run.LocalRun} to the
 * {@link dev.lrtune.job.run.JobExecution} of its type, writes its curve in lease-checked flushes and stores its
 * outcome. Internal to the job module.
 */
package dev.lrtune.job.run;
