package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.PolynomialSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code polynomial}: Keras {@code PolynomialDecay}. */
@JsonTypeName(PolynomialSpec.TYPE)
@Schema(description = "Polynomial decay (Keras PolynomialDecay) from lr to finalLr over decaySteps steps; with "
		+ "cycle, the decay restarts over a doubled, tripled… horizon.", example = """
				{"type": "polynomial", "lr": 0.1, "finalLr": 0.0001, "decaySteps": 1000, "power": 2.0}""")
public record PolynomialSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Rate reached at step decaySteps; >= 0.",
				defaultValue = "" + PolynomialSpec.DEFAULT_FINAL_LR) @PositiveOrZero Double finalLr,
		@Schema(description = "Steps the decay takes; >= 1.") @NotNull @Positive Integer decaySteps,
		@Schema(description = "Power of the polynomial (1 = linear); > 0.",
				defaultValue = "" + PolynomialSpec.DEFAULT_POWER) @Positive Double power,
		@Schema(description = "Past decaySteps, decay again towards finalLr over the next multiple of decaySteps "
				+ "instead of staying at finalLr.", defaultValue = "" + PolynomialSpec.DEFAULT_CYCLE) Boolean cycle,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "polynomial";

	public static final double DEFAULT_FINAL_LR = 0;

	public static final double DEFAULT_POWER = 1;

	public static final boolean DEFAULT_CYCLE = false;

	public PolynomialSpec {
		finalLr = Specs.orDefault(finalLr, DEFAULT_FINAL_LR);
		power = Specs.orDefault(power, DEFAULT_POWER);
		cycle = Specs.orDefault(cycle, DEFAULT_CYCLE);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval, new PolynomialSchedule(Specs.required("lr", lr), finalLr,
				Specs.required("decaySteps", decaySteps), power, cycle), iterationsPerEpoch);
	}

}
