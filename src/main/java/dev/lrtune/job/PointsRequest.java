package dev.lrtune.job;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Points of a client-run job, in the columnar shape of {@code GET /jobs/{id}/curve}: entry i of every array belongs to
 * iteration {@code iteration[i]}. Iterations are consecutive (a curve has one point per iteration, without gaps) and
 * lie in {@code [0, iterations)}; posting an iteration again replaces it. The columns are read into primitive arrays,
 * {@code null} as NaN (no JSON number is NaN).
 *
 * @param loss the minibatch's training loss; {@code null} for a NaN or infinite one
 * @param momentum the momentum used, when the client's schedule cycles it
 * @param validation evaluations, each after the iteration it names
 */
@Schema(description = "Points of a client-run job, as columns (the shape GET /jobs/{id}/curve answers).")
record PointsRequest(
		@NotNull @JsonDeserialize(using = StrictNumbers.LongArray.class)
		@ArraySchema(arraySchema = @Schema(description = "Consecutive iterations, from 0; at most iterations − 1"),
				schema = @Schema(type = "integer", format = "int64")) long[] iteration,
		@NotNull @JsonDeserialize(using = StrictNumbers.DoubleArray.class)
		@ArraySchema(arraySchema = @Schema(description = "The learning rate used at each iteration (finite, ≥ 0)"),
				schema = @Schema(type = "number", format = "double")) double[] lr,
		@NotNull @JsonDeserialize(using = StrictNumbers.DoubleArray.class)
		@ArraySchema(arraySchema = @Schema(description = "The training loss of each iteration; null for NaN or infinite"),
				schema = @Schema(types = { "number", "null" }, format = "double")) double[] loss,
		@JsonDeserialize(using = StrictNumbers.DoubleArray.class)
		@ArraySchema(arraySchema = @Schema(description = "The momentum used at each iteration, when the schedule cycles it"),
				schema = @Schema(types = { "number", "null" }, format = "double")) double[] momentum,
		@Valid @Schema(description = "Evaluations of the validation split") Validation validation) {

	/** How many points (iterations and evaluations) the post carries. */
	int size() {
		return iteration.length + (validation == null ? 0 : validation.iteration().size());
	}

	/**
	 * @param iteration the iteration after which each evaluation was made, ascending
	 * @param loss the validation loss; {@code null} for NaN or infinite
	 * @param accuracy the validation accuracy; absent for a regression
	 */
	@Schema(description = "Evaluations of the validation split, as columns.")
	record Validation(
			@NotNull @JsonDeserialize(contentUsing = StrictNumbers.Longs.class)
			@ArraySchema(arraySchema = @Schema(description = "The iteration after which each evaluation was made, ascending"),
					schema = @Schema(type = "integer", format = "int64")) List<Long> iteration,
			@NotNull @JsonDeserialize(contentUsing = StrictNumbers.Doubles.class)
			@ArraySchema(arraySchema = @Schema(description = "Validation loss; null for NaN or infinite"),
					schema = @Schema(types = { "number", "null" }, format = "double")) List<Double> loss,
			@JsonDeserialize(contentUsing = StrictNumbers.Doubles.class)
			@ArraySchema(arraySchema = @Schema(description = "Validation accuracy; absent for a regression"),
					schema = @Schema(types = { "number", "null" }, format = "double")) List<Double> accuracy) {
	}

}
