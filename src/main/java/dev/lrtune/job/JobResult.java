package dev.lrtune.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.rangetest.Recommendation;

/**
 * How a run ended; {@code null} stands for a value that was not measured or was not finite.
 *
 * @param iterations iterations run
 * @param finalLoss the training loss of the last iteration
 * @param bestLoss the lowest training loss of a minibatch
 * @param validationLoss the last validation loss measured
 * @param validationAccuracy the last validation accuracy measured (classification)
 * @param recommendation a range test's suggestions (the aggregate over its repeats)
 * @param repeats a range test's repeats, with where each lies in the job's curve
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobResult(long iterations, Double finalLoss, Double bestLoss, Double validationLoss, Double validationAccuracy,
		Recommendation recommendation, List<RangeTestRun> repeats) {

	static Double finiteOrNull(double value) {
		return Double.isFinite(value) ? value : null;
	}

}
