package dev.lrtune.job;

import dev.lrtune.core.rangetest.Recommendation;

/**
 * One repeat of a range-test job, and where its points lie in the job's curve: iterations
 * {@code firstIteration … firstIteration + iterations − 1}.
 *
 * @param seed the seed of this repeat's initial weights and minibatch order
 * @param stopReason {@code completed}, {@code diverged} or {@code cancelled}
 * @param recommendation this repeat's own suggestions; {@code null} when it was cancelled
 */
record RangeTestRun(int repeat, long seed, long firstIteration, int iterations, String stopReason,
		Recommendation recommendation) {
}
