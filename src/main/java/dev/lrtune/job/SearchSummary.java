package dev.lrtune.job;

import java.util.List;

import dev.lrtune.core.search.Evidence;
import dev.lrtune.core.search.Trial;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an {@code lr_search} measured, and where each part of it lies in the job's curve: the range test's points are
 * iterations {@code 0 … rangeTestIterations − 1}, then every trial's, one after the other in the order they ran.
 *
 * @param lr the measured rate: the winner of the race's last rung; {@code null} when every rate there diverged, or
 *     the search was cancelled
 * @param evidence each raced rate at the furthest rung it reached, in increasing order of rate
 * @param iterationsSpent every iteration the search trained: the range test's and every trial's
 * @param trials every trial, in the order it ran
 */
@Schema(description = "What an lr_search measured: the race's rates, the winner, and where each part lies in the job's "
		+ "curve.")
public record SearchSummary(
		@Schema(description = "The measured rate: the winner of the race's last rung; null when every rate there "
				+ "diverged or the search was cancelled", types = { "number", "null" }) Double lr,
		@Schema(description = "Always search", allowableValues = { "search" }) String method,
		@Schema(description = "The schedule whose (peak) rate was raced", allowableValues = { "constant", "cosine",
				"one_cycle" }) String family,
		@Schema(description = "What the rates were judged by", allowableValues = { "last", "best" }) String objective,
		@ArraySchema(arraySchema = @Schema(description = "Each raced rate at the furthest rung it reached, in increasing "
				+ "order of rate")) List<Evidence> evidence,
		@Schema(description = "Every iteration the search trained: the range test's and every trial's") long iterationsSpent,
		@Schema(description = "The range test's points: iterations 0 … rangeTestIterations − 1 of the job's curve")
		long rangeTestIterations,
		@ArraySchema(arraySchema = @Schema(description = "Every trial, in the order it ran")) List<SearchTrial> trials) {

	/**
	 * One rate trained to one rung of the race, and where its points lie in the job's curve.
	 *
	 * @param validationLoss the objective's validation loss; {@code null} when it diverged
	 * @param lossIteration where in the trial (from 0) that loss was measured; {@code null} when it diverged
	 * @param lastValidationLoss the validation loss where the trial ended, whatever the objective; {@code null} when
	 *     it diverged (or for a search stored before it was recorded)
	 * @param bestValidationLoss the lowest validation loss the trial measured, whatever the objective; {@code null}
	 *     likewise
	 * @param bestValidationIteration where in the trial (from 0) that lowest loss was measured
	 */
	@Schema(description = "One rate trained to one rung: its points are iterations firstIteration … firstIteration + "
			+ "iterations − 1 of the job's curve.")
	public record SearchTrial(@Schema(description = "The (peak) rate") double lr,
			@Schema(description = "The rung, from 0") int rung,
			@Schema(description = "Its first point's iteration in the job's curve") long firstIteration,
			@Schema(description = "Iterations it trained (the rung's length, fewer when it diverged)") long iterations,
			@Schema(description = "The objective's validation loss; null when it diverged", types = { "number", "null" })
			Double validationLoss,
			@Schema(description = "The trial's iteration, from 0, where that loss was measured; null when it diverged",
					types = { "integer", "null" }, format = "int64") Long lossIteration,
			@Schema(description = "A loss became NaN or infinite") boolean diverged,
			@Schema(description = "The validation loss where the trial ended, whatever the objective; null when it "
					+ "diverged", types = { "number", "null" }) Double lastValidationLoss,
			@Schema(description = "The lowest validation loss the trial measured, whatever the objective; null when "
					+ "it diverged", types = { "number", "null" }) Double bestValidationLoss,
			@Schema(description = "The trial's iteration, from 0, where bestValidationLoss was measured",
					types = { "integer", "null" }, format = "int64") Long bestValidationIteration) {

		/** A core trial whose points start at {@code firstIteration} of the job's curve. */
		public static SearchTrial of(Trial trial, long firstIteration) {
			boolean measured = !trial.diverged() && Double.isFinite(trial.validationLoss());
			return new SearchTrial(trial.lr(), trial.rung(), firstIteration, trial.iterations(),
					measured ? trial.validationLoss() : null, measured ? trial.lossIteration() : null, trial.diverged(),
					measured ? trial.lastValidationLoss() : null, measured ? trial.bestValidationLoss() : null,
					measured ? trial.bestIteration() : null);
		}

	}

}
