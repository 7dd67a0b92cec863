package dev.lrtune.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.schedule.ScheduleSpec;

/**
 * The {@code training} block of a training job.
 *
 * @param iterations optimizer steps; give this or {@code epochs}
 * @param epochs passes over the training split; resolved to {@code iterations} on submission
 * @param schedule the learning-rate schedule (see {@code GET /schedules})
 * @param evaluateEvery measure the validation split every this many iterations (and after the last); default
 *     once per epoch; 0 only after the last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "How long to train and with which learning-rate schedule.")
public record TrainingRequest(@Positive @Schema(description = "Optimizer steps; give this or epochs", example = "2000") Long iterations,
		@Positive @Schema(description = "Passes over the training split; resolved to iterations on submission") Integer epochs,
		@NotNull @Valid ScheduleSpec schedule,
		@PositiveOrZero @Schema(description = "Default: once per epoch") Integer evaluateEvery) {
}
