package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.Schedule;
import dev.lrtune.core.schedule.StepSchedule;

/** {@code step}: PyTorch {@code StepLR}. */
@JsonTypeName(StepSpec.TYPE)
@Schema(description = "Step decay (PyTorch StepLR): the rate is multiplied by gamma every stepSize steps.",
		example = """
				{"type": "step", "lr": 0.1, "gamma": 0.1, "stepSize": 30, "interval": "epoch"}""")
public record StepSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Factor applied every stepSize steps; > 0.",
				defaultValue = "" + StepSpec.DEFAULT_GAMMA) @Positive Double gamma,
		@Schema(description = "Steps between two decays; >= 1.") @NotNull @Positive Integer stepSize,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "step";

	public static final double DEFAULT_GAMMA = 0.1;

	public StepSpec {
		gamma = Specs.orDefault(gamma, DEFAULT_GAMMA);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval,
				new StepSchedule(Specs.required("lr", lr), gamma, Specs.required("stepSize", stepSize)),
				iterationsPerEpoch);
	}

}
