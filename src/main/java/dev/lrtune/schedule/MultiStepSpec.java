package dev.lrtune.schedule;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.MultiStepSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code multistep}: PyTorch {@code MultiStepLR}. */
@JsonTypeName(MultiStepSpec.TYPE)
@Schema(description = "Multi-step decay (PyTorch MultiStepLR): the rate is multiplied by gamma at each milestone.",
		example = """
				{"type": "multistep", "lr": 0.1, "gamma": 0.1, "milestones": [30, 80], "interval": "epoch"}""")
public record MultiStepSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Factor applied at each milestone; > 0.",
				defaultValue = "" + MultiStepSpec.DEFAULT_GAMMA) @Positive Double gamma,
		@Schema(description = "Steps at which the rate decays; strictly increasing, >= 0.")
		@NotNull List<@NotNull @PositiveOrZero Integer> milestones,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "multistep";

	public static final double DEFAULT_GAMMA = 0.1;

	public MultiStepSpec {
		milestones = Specs.copy(milestones);
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
				new MultiStepSchedule(Specs.required("lr", lr), gamma, Specs.ints("milestones", milestones)),
				iterationsPerEpoch);
	}

}
