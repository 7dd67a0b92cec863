package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.InverseTimeSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code inverse_time}: Keras {@code InverseTimeDecay}. */
@JsonTypeName(InverseTimeSpec.TYPE)
@Schema(description = "Inverse-time decay (Keras InverseTimeDecay): lr / (1 + decayRate·k/decaySteps).",
		example = """
				{"type": "inverse_time", "lr": 0.1, "decayRate": 0.5, "decaySteps": 100}""")
public record InverseTimeSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "How fast the rate falls; >= 0.") @NotNull @PositiveOrZero Double decayRate,
		@Schema(description = "Steps that count as one unit of time; >= 1.",
				defaultValue = "" + InverseTimeSpec.DEFAULT_DECAY_STEPS) @Positive Integer decaySteps,
		@Schema(description = "Use ⌊k/decaySteps⌋, so the rate changes in jumps.",
				defaultValue = "" + InverseTimeSpec.DEFAULT_STAIRCASE) Boolean staircase,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "inverse_time";

	public static final int DEFAULT_DECAY_STEPS = 1;

	public static final boolean DEFAULT_STAIRCASE = false;

	public InverseTimeSpec {
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
		return Specs.leaf(interval, new InverseTimeSchedule(Specs.required("lr", lr),
				Specs.required("decayRate", decayRate), decaySteps, staircase), iterationsPerEpoch);
	}

}
