package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.CosineSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code cosine}: PyTorch {@code CosineAnnealingLR}. */
@JsonTypeName(CosineSpec.TYPE)
@Schema(description = "Cosine annealing (PyTorch CosineAnnealingLR, closed form) from lr to minLr over tMax steps.",
		example = """
				{"type": "cosine", "lr": 0.1, "minLr": 0.0001, "tMax": 1000}""")
public record CosineSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Rate reached at step tMax; between 0 and lr.",
				defaultValue = "" + CosineSpec.DEFAULT_MIN_LR) @PositiveOrZero Double minLr,
		@Schema(description = "Steps of the half cosine from lr to minLr (after it the closed form rises again); "
				+ ">= 1.") @NotNull @Positive Integer tMax,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "cosine";

	public static final double DEFAULT_MIN_LR = 0;

	public CosineSpec {
		minLr = Specs.orDefault(minLr, DEFAULT_MIN_LR);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval, new CosineSchedule(Specs.required("lr", lr), minLr, Specs.required("tMax", tMax)),
				iterationsPerEpoch);
	}

}
