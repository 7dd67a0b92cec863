package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.ConstantSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code constant}: the same rate throughout. */
@JsonTypeName(ConstantSpec.TYPE)
@Schema(description = "The same learning rate at every step.", example = """
		{"type": "constant", "lr": 0.01}""")
public record ConstantSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "constant";

	public ConstantSpec {
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval, new ConstantSchedule(Specs.required("lr", lr)), iterationsPerEpoch);
	}

}
