package dev.lrtune.curve;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
public record CurveView(@Schema(description = "The iteration of each point") List<Long> iteration,
		@Schema(description = "The learning rate used at it") List<Double> lr,
		@ArraySchema(arraySchema = @Schema(description = "The minibatch's training loss (smoothed when smoothing was asked); null when not finite"),
				schema = @Schema(types = { "number", "null" }, format = "double")) List<Double> loss,
		@Schema(description = "The cycled momentum; present only when the schedule cycles it") List<Double> momentum,
		@Schema(description = "Stored points within from…to, before paging or downsampling") long totalPoints,
		@Schema(description = "Whether points were left out to honour maxPoints") boolean downsampled,
		@Schema(description = "Without maxPoints: where the next page starts; absent on the last page") Long nextFrom,
		@Schema(description = "The evaluations within the range") Validation validation) {

	/**
	 * The validation measurements as columns.
	 *
	 * @param accuracy null for a regression
	 */
	@Schema(description = "The validation measurements as columns.")
	public record Validation(@Schema(description = "The iteration after which it was measured") List<Long> iteration,
			@Schema(description = "Validation loss") List<Double> loss,
			@Schema(description = "Validation accuracy; absent for a regression") List<Double> accuracy) {
	}

}
