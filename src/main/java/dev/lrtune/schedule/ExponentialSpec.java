package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.ExponentialSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code exponential}: Keras {@code ExponentialDecay}. */
@JsonTypeName(ExponentialSpec.TYPE)
@Schema(description = "Exponential decay (Keras ExponentialDecay): the rate is multiplied by decayRate every "
		+ "decaySteps steps, smoothly or, with staircase, in jumps.", example = """
				{"type": "exponential", "lr": 0.1, "decayRate": 0.96, "decaySteps": 100, "staircase": true}""")
public record ExponentialSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Factor applied over every decaySteps steps; > 0.") @NotNull @Positive Double decayRate,
		@Schema(description = "Steps over which the rate is multiplied by decayRate; >= 1.",
				defaultValue = "" + ExponentialSpec.DEFAULT_DECAY_STEPS) @Positive Integer decaySteps,
		@Schema(description = "Floor the exponent k/decaySteps, so the rate changes in jumps.",
				defaultValue = "" + ExponentialSpec.DEFAULT_STAIRCASE) Boolean staircase,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "exponential";

	public static final int DEFAULT_DECAY_STEPS = 1;

	public static final boolean DEFAULT_STAIRCASE = false;

	public ExponentialSpec {
		decaySteps = Specs.orDefault(decaySteps, DEFAULT_DECAY_STEPS);
		staircase = Specs.orDefault(staircase, DEFAULT_STAIRCASE);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval, new ExponentialSchedule(Specs.required("lr", lr),
				Specs.required("decayRate", decayRate), decaySteps, staircase), iterationsPerEpoch);
	}

}
