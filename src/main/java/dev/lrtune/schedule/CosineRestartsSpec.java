package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.CosineRestartsSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code cosine_restarts}: PyTorch {@code CosineAnnealingWarmRestarts} (SGDR). */
@JsonTypeName(CosineRestartsSpec.TYPE)
@Schema(description = "Cosine annealing with warm restarts (PyTorch CosineAnnealingWarmRestarts, SGDR, Loshchilov & "
		+ "Hutter 2016): cosine from lr to minLr over t0 steps, then restart, each cycle tMult times longer.",
		example = """
				{"type": "cosine_restarts", "lr": 0.1, "minLr": 0.0001, "t0": 100, "tMult": 2}""")
public record CosineRestartsSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Rate at the end of every cycle; between 0 and lr.",
				defaultValue = "" + CosineRestartsSpec.DEFAULT_MIN_LR) @PositiveOrZero Double minLr,
		@Schema(description = "Steps of the first cycle; >= 1.") @NotNull @Positive Integer t0,
		@Schema(description = "Each cycle is tMult times as long as the one before; integer >= 1.",
				defaultValue = "" + CosineRestartsSpec.DEFAULT_T_MULT) @Positive Integer tMult,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "cosine_restarts";

	public static final double DEFAULT_MIN_LR = 0;

	public static final int DEFAULT_T_MULT = 1;

	public CosineRestartsSpec {
		minLr = Specs.orDefault(minLr, DEFAULT_MIN_LR);
		tMult = Specs.orDefault(tMult, DEFAULT_T_MULT);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		return Specs.leaf(interval,
				new CosineRestartsSchedule(Specs.required("lr", lr), minLr, Specs.required("t0", t0), tMult),
				iterationsPerEpoch);
	}

}
