package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.CyclicSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code cyclic}: PyTorch {@code CyclicLR} (CLR, Smith 2015). */
@JsonTypeName(CyclicSpec.TYPE)
@Schema(description = "Cyclical learning rate (PyTorch CyclicLR, CLR, Smith 2015): up from baseLr to maxLr over "
		+ "stepSizeUp steps, down over stepSizeDown, repeated; the amplitude is kept (triangular), halved every cycle "
		+ "(triangular2) or scaled by gamma^k (exp_range). Optionally cycles momentum the other way.", example = """
				{"type": "cyclic", "baseLr": 0.001, "maxLr": 0.006, "stepSizeUp": 200, "stepSizeDown": 300,
				 "mode": "triangular2", "cycleMomentum": true}""")
public record CyclicSpec(
		@Schema(description = "Lower bound of the rate, and its value at step 0; >= 0.") @NotNull @PositiveOrZero
		Double baseLr,
		@Schema(description = "Upper bound of the rate (reached at the first peak); >= baseLr.") @NotNull
		@PositiveOrZero Double maxLr,
		@Schema(description = "Steps from baseLr up to maxLr; >= 1.",
				defaultValue = "" + CyclicSpec.DEFAULT_STEP_SIZE_UP) @Positive Integer stepSizeUp,
		@Schema(description = "Steps from maxLr back down to baseLr; >= 1. Defaults to stepSizeUp.")
		@Positive Integer stepSizeDown,
		@Schema(description = "How the amplitude changes from cycle to cycle.",
				defaultValue = CyclicSpec.DEFAULT_MODE,
				allowableValues = { "triangular", "triangular2", "exp_range" }) String mode,
		@Schema(description = "exp_range only: the amplitude is scaled by gamma^k at step k; in (0, 1].",
				defaultValue = "" + CyclicSpec.DEFAULT_GAMMA) @Positive @DecimalMax("1") Double gamma,
		@Schema(description = "Also cycle the optimizer's momentum (Adam: beta1) inversely to the rate, "
				+ "overriding its own. Off by default, unlike PyTorch.",
				defaultValue = "" + CyclicSpec.DEFAULT_CYCLE_MOMENTUM) Boolean cycleMomentum,
		@Schema(description = "Momentum at the rate's peak; in [0, 1].",
				defaultValue = "" + CyclicSpec.DEFAULT_BASE_MOMENTUM) @PositiveOrZero @DecimalMax("1")
		Double baseMomentum,
		@Schema(description = "Momentum at the rate's bottom (and at step 0); in [baseMomentum, 1].",
				defaultValue = "" + CyclicSpec.DEFAULT_MAX_MOMENTUM) @PositiveOrZero @DecimalMax("1")
		Double maxMomentum,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "cyclic";

	public static final int DEFAULT_STEP_SIZE_UP = 2000;

	public static final String DEFAULT_MODE = "triangular";

	public static final double DEFAULT_GAMMA = 1;

	public static final boolean DEFAULT_CYCLE_MOMENTUM = false;

	public static final double DEFAULT_BASE_MOMENTUM = 0.8;

	public static final double DEFAULT_MAX_MOMENTUM = 0.9;

	public CyclicSpec {
		stepSizeUp = Specs.orDefault(stepSizeUp, DEFAULT_STEP_SIZE_UP);
		stepSizeDown = Specs.orDefault(stepSizeDown, stepSizeUp);
		mode = Specs.orDefault(mode, DEFAULT_MODE);
		gamma = Specs.orDefault(gamma, DEFAULT_GAMMA);
		cycleMomentum = Specs.orDefault(cycleMomentum, DEFAULT_CYCLE_MOMENTUM);
		baseMomentum = Specs.orDefault(baseMomentum, DEFAULT_BASE_MOMENTUM);
		maxMomentum = Specs.orDefault(maxMomentum, DEFAULT_MAX_MOMENTUM);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		CyclicSchedule.Mode parsedMode = Specs.option(CyclicSchedule.Mode.class, "mode", mode);
		return Specs.leaf(interval, new CyclicSchedule(Specs.required("baseLr", baseLr), Specs.required("maxLr", maxLr),
				stepSizeUp, stepSizeDown, parsedMode, gamma, cycleMomentum, baseMomentum, maxMomentum),
				iterationsPerEpoch);
	}

}
