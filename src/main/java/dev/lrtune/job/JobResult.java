package dev.lrtune.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.rangetest.Recommendation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How a run ended; {@code null} stands for a value that was not measured or was not finite.
 *
 * @param iterations iterations run
 * @param finalLoss the training loss of the last iteration
 * @param bestLoss the lowest training loss of a minibatch
 * @param validationLoss the last validation loss measured
 * @param validationAccuracy the last validation accuracy measured (classification)
 * @param bestValidationLoss the lowest validation loss measured
 * @param bestValidationIteration the iteration (from 0) at whose end {@code bestValidationLoss} was measured
 * @param recommendation a range test's suggestions (the aggregate over its repeats)
 * @param repeats a range test's repeats, with where each lies in the job's curve
 * @param search an lr_search's race and measured rate ({@code recommendation} is then its range test's own)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "How a run ended; a value that was not measured or not finite is absent.")
public record JobResult(@Schema(description = "Iterations run") long iterations,
		@Schema(description = "Training loss of the last iteration") Double finalLoss,
		@Schema(description = "Lowest training loss of a minibatch") Double bestLoss,
		@Schema(description = "Last validation loss measured") Double validationLoss,
		@Schema(description = "Last validation accuracy measured (classification)") Double validationAccuracy,
		@Schema(description = "training: the lowest validation loss measured") Double bestValidationLoss,
		@Schema(description = "training: the iteration (from 0) at whose end bestValidationLoss was measured")
		Long bestValidationIteration,
		@Schema(description = "range_test, lr_search: the range test's suggestions (aggregate over repeats)")
		Recommendation recommendation,
		@Schema(description = "range_test: each repeat and where it lies in the job's curve") List<RangeTestRun> repeats,
		@Schema(description = "lr_search: the race, the measured rate and where each trial lies in the job's curve")
		SearchSummary search) {

	public static Double finiteOrNull(double value) {
		return Double.isFinite(value) ? value : null;
	}

}
