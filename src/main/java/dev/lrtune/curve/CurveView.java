package dev.lrtune.curve;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A curve as columns, one array per quantity, so that {@code pandas.DataFrame(body)} (without
 * {@code validation}) is a table. A non-finite loss is {@code null}.
 *
 * @param iteration the iteration of each point
 * @param lr the learning rate used at it
 * @param loss the training loss of its minibatch (smoothed when {@code smoothing} was asked)
 * @param momentum the cycled momentum, present only when the schedule cycles it
 * @param totalPoints the stored points within {@code from…to}, before paging or downsampling
 * @param downsampled whether points were left out to honour {@code maxPoints}
 * @param nextFrom without {@code maxPoints}, where the next page starts when this one was cut at the page
 *     size; absent on the last page
 * @param validation the evaluations within the range
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A job's curve as columns: one array per quantity, null for a non-finite loss.")
public record CurveView(List<Long> iteration, List<Double> lr, List<Double> loss, List<Double> momentum,
		long totalPoints, boolean downsampled, Long nextFrom, Validation validation) {

	/**
	 * The validation measurements as columns.
	 *
	 * @param accuracy null for a regression
	 */
	public record Validation(List<Long> iteration, List<Double> loss, List<Double> accuracy) {
	}

}
