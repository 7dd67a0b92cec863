/**
 * Studies: several learning-rate schedules trained against each other by successive halving, the
 * winner reported with the schedule to paste into a training job. Trials are ordinary jobs of the job module.
 */
package dev.lrtune.study;
