package dev.lrtune.schedule;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.PiecewiseSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code piecewise}: Keras {@code PiecewiseConstantDecay}. */
@JsonTypeName(PiecewiseSpec.TYPE)
@Schema(description = "Piecewise constant (Keras PiecewiseConstantDecay): values[i] while k <= boundaries[i], "
		+ "the last value after the last boundary.", example = """
				{"type": "piecewise", "boundaries": [100, 200], "values": [0.1, 0.01, 0.001]}""")
public record PiecewiseSpec(
		@Schema(description = "Last step of each value but the last; strictly increasing, >= 0.")
		@NotNull List<@NotNull @PositiveOrZero Integer> boundaries,
		@Schema(description = "The rates, one more than boundaries; each >= 0.")
		@NotEmpty List<@NotNull @PositiveOrZero Double> values,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "piecewise";

	public PiecewiseSpec {
		boundaries = Specs.copy(boundaries);
		values = Specs.copy(values);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval,
				new PiecewiseSchedule(Specs.ints("boundaries", boundaries), Specs.doubles("values", values)),
				iterationsPerEpoch);
	}

}
