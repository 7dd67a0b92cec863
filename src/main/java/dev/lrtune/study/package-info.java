/**
 * Studies: several learning-rate schedules trained against each other by successive halving, the
 * winner reported with the schedule to paste into a training job. Trials are ordinary jobs of the job module.
 *
 * <p>A client-run study ({@code runner: client}) hands its trials to the clients that ask ({@link
 * dev.lrtune.study.StudyManagement#ask}) as client-run training jobs of the whole budget, and prunes them at their
 * rungs by asynchronous successive halving as they post validation losses ({@link dev.lrtune.study.TrialRungs}, the
 * job module's {@link dev.lrtune.job.RungJudge}).
 */
package dev.lrtune.study;
