package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The values a schedule gives at steps 0…steps−1, columnar so a notebook can do
 * {@code pandas.DataFrame(response.json())}.
 *
 * @param lr the learning rate used at each step
 * @param momentum the momentum used at each step, present only when the schedule cycles momentum;
 *     {@code null} at a step where it leaves the optimizer's own momentum alone (inside {@code sequential})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What a schedule gives at steps 0…steps−1, as columns.")
record PreviewResponse(
		@Schema(description = "Learning rate at each step.") double[] lr,
		@ArraySchema(arraySchema = @Schema(description = "Momentum at each step; present only when the schedule "
				+ "cycles momentum (cyclic or one_cycle with cycleMomentum=true, alone or nested); null at a step where "
				+ "it leaves the optimizer's momentum alone."),
				schema = @Schema(types = { "number", "null" }, format = "double")) Double[] momentum) {
}
