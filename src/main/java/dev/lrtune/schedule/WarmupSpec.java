package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.Schedule;
import dev.lrtune.core.schedule.WarmupSchedule;

/** {@code warmup}: a linear ramp into another schedule. */
@JsonTypeName(WarmupSpec.TYPE)
@Schema(description = "Linear warm-up from startFactor·lr0 to lr0 (the inner schedule's rate at its step 0) over "
		+ "warmupSteps steps; the inner schedule then starts at its own step 0.", example = """
				{"type": "warmup", "warmupSteps": 100, "startFactor": 0.1,
				 "then": {"type": "cosine", "lr": 0.1, "minLr": 0.0001, "tMax": 900}}""")
public record WarmupSpec(
		@Schema(description = "Length of the ramp in steps (of this schedule's interval); >= 0.") @NotNull
		@PositiveOrZero Integer warmupSteps,
		@Schema(description = "The ramp starts at startFactor times the inner schedule's first rate; in [0, 1].",
				defaultValue = "" + WarmupSpec.DEFAULT_START_FACTOR) @PositiveOrZero @DecimalMax("1")
		Double startFactor,
		@Schema(description = "The schedule that follows the ramp.") @NotNull @Valid ScheduleSpec then,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "warmup";

	public static final double DEFAULT_START_FACTOR = 0;

	public WarmupSpec {
		startFactor = Specs.orDefault(startFactor, DEFAULT_START_FACTOR);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return new WarmupSchedule(Specs.nested("then", then, iterationsPerEpoch),
				Specs.required("warmupSteps", warmupSteps), startFactor,
				Specs.interval(interval).iterationsPerStep(iterationsPerEpoch));
	}

}
