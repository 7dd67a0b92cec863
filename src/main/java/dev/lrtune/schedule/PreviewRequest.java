package dev.lrtune.schedule;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * What to preview: a schedule and how many steps of it.
 *
 * @param schedule the schedule, exactly as it would appear in a training job
 * @param steps how many steps to evaluate, from step 0
 * @param metrics for a schedule driven by the validation loss ({@code plateau}, or one nesting it): the
 *     loss observed at the end of each step, {@code steps} entries; {@code null} entries mean no
 *     evaluation happened at that step (a training job evaluates every {@code evaluateEvery} iterations)
 * @param iterationsPerEpoch how many steps make an epoch, for schedules with {@code interval=epoch}
 */
@Schema(description = "A schedule to evaluate at steps 0…steps−1 without training.")
record PreviewRequest(
		@NotNull @Valid ScheduleSpec schedule,
		@NotNull @Positive @Schema(example = "100", description = "Number of steps to evaluate (at most lrtune.schedules.max-preview-steps, 1,000,000 by default).") Integer steps,
		@ArraySchema(arraySchema = @Schema(description = "Validation loss at the end of each step (null: not evaluated); "
				+ "required, with `steps` entries, for `plateau` and schedules nesting one; ignored by the others."),
				schema = @Schema(types = { "number", "null" }, format = "double")) List<Double> metrics,
		@Positive @Schema(description = "Iterations per epoch for schedules with interval=epoch; default 1 (steps are epochs).", example = "1") Integer iterationsPerEpoch) {
}
