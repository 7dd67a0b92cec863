package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.LinearSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code linear}: a straight line from lr to finalLr. */
@JsonTypeName(LinearSpec.TYPE)
@Schema(description = "Linear decay: a straight line from lr at step 0 to finalLr at step decaySteps, then finalLr.",
		example = """
				{"type": "linear", "lr": 0.1, "finalLr": 0.001, "decaySteps": 1000}""")
public record LinearSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Rate reached at step decaySteps and kept after; >= 0 (may exceed lr).")
		@NotNull @PositiveOrZero Double finalLr,
		@Schema(description = "Steps (τ) the line takes; >= 1.") @NotNull @Positive Integer decaySteps,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "linear";

	public LinearSpec {
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval, new LinearSchedule(Specs.required("lr", lr), Specs.required("finalLr", finalLr),
				Specs.required("decaySteps", decaySteps)), iterationsPerEpoch);
	}

}
