package dev.lrtune.job;

import dev.lrtune.core.rangetest.Recommendation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One repeat of a range-test job, and where its points lie in the job's curve: iterations
 * {@code firstIteration … firstIteration + iterations − 1}.
 *
 * @param seed the seed of this repeat's initial weights and minibatch order
 * @param stopReason {@code completed}, {@code diverged} or {@code cancelled}
 * @param recommendation this repeat's own suggestions; {@code null} when it was cancelled
 */
@Schema(description = "One repeat of a range test: its points are iterations firstIteration … firstIteration + iterations − 1 of the job's curve.")
public record RangeTestRun(@Schema(description = "The repeat's number, from 0") int repeat,
		@Schema(description = "Seed of this repeat's initial weights and minibatch order") long seed,
		@Schema(description = "Its first point's iteration in the job's curve") long firstIteration,
		@Schema(description = "Points it recorded") int iterations,
		@Schema(description = "Why it stopped", allowableValues = { "completed", "diverged", "cancelled" }) String stopReason,
		@Schema(description = "This repeat's own suggestions; null when it was cancelled") Recommendation recommendation) {
}
