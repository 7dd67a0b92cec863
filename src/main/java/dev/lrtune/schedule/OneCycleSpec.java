package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.OneCycleSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code one_cycle}: PyTorch {@code OneCycleLR} (1cycle, Smith 2018). */
@JsonTypeName(OneCycleSpec.TYPE)
@Schema(description = "The 1cycle policy (PyTorch OneCycleLR, Smith 2018): up from maxLr/divFactor to maxLr over "
		+ "the first pctStart of totalSteps, then down to maxLr/(divFactor·finalDivFactor); holds the last value "
		+ "after totalSteps. Optionally cycles momentum the other way.", example = """
				{"type": "one_cycle", "maxLr": 0.1, "totalSteps": 1000, "pctStart": 0.3, "anneal": "cos",
				 "cycleMomentum": true}""")
public record OneCycleSpec(
		@Schema(description = "Peak rate; >= 0.") @NotNull @PositiveOrZero Double maxLr,
		@Schema(description = "Length of the cycle in steps; >= 1.") @NotNull @Positive Integer totalSteps,
		@Schema(description = "Fraction of totalSteps spent increasing the rate; in [0, 1] ([0, 0.5] with "
				+ "threePhase).", defaultValue = "" + OneCycleSpec.DEFAULT_PCT_START) @PositiveOrZero
		@DecimalMax("1") Double pctStart,
		@Schema(description = "Shape of each phase: cosine or straight line.", defaultValue = OneCycleSpec.DEFAULT_ANNEAL,
				allowableValues = { "cos", "linear" }) String anneal,
		@Schema(description = "The rate starts at maxLr/divFactor; >= 1.",
				defaultValue = "" + OneCycleSpec.DEFAULT_DIV_FACTOR) @DecimalMin("1") Double divFactor,
		@Schema(description = "The rate ends at maxLr/(divFactor·finalDivFactor); >= 1.",
				defaultValue = "" + OneCycleSpec.DEFAULT_FINAL_DIV_FACTOR) @DecimalMin("1") Double finalDivFactor,
		@Schema(description = "Come back down to the initial rate symmetrically before annealing to the minimum "
				+ "(the paper's version) instead of annealing straight from the peak (fastai's).",
				defaultValue = "" + OneCycleSpec.DEFAULT_THREE_PHASE) Boolean threePhase,
		@Schema(description = "Also cycle the optimizer's momentum (Adam: beta1) inversely to the rate, "
				+ "overriding its own. Off by default, unlike PyTorch.",
				defaultValue = "" + OneCycleSpec.DEFAULT_CYCLE_MOMENTUM) Boolean cycleMomentum,
		@Schema(description = "Momentum at the rate's peak; in [0, 1].",
				defaultValue = "" + OneCycleSpec.DEFAULT_BASE_MOMENTUM) @PositiveOrZero @DecimalMax("1")
		Double baseMomentum,
		@Schema(description = "Momentum at the start and the end; in [baseMomentum, 1].",
				defaultValue = "" + OneCycleSpec.DEFAULT_MAX_MOMENTUM) @PositiveOrZero @DecimalMax("1")
		Double maxMomentum,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "one_cycle";

	public static final double DEFAULT_PCT_START = 0.3;

	public static final String DEFAULT_ANNEAL = "cos";

	public static final double DEFAULT_DIV_FACTOR = 25;

	public static final double DEFAULT_FINAL_DIV_FACTOR = 1e4;

	public static final boolean DEFAULT_THREE_PHASE = false;

	public static final boolean DEFAULT_CYCLE_MOMENTUM = false;

	public static final double DEFAULT_BASE_MOMENTUM = 0.85;

	public static final double DEFAULT_MAX_MOMENTUM = 0.95;

	public OneCycleSpec {
		pctStart = Specs.orDefault(pctStart, DEFAULT_PCT_START);
		anneal = Specs.orDefault(anneal, DEFAULT_ANNEAL);
		divFactor = Specs.orDefault(divFactor, DEFAULT_DIV_FACTOR);
		finalDivFactor = Specs.orDefault(finalDivFactor, DEFAULT_FINAL_DIV_FACTOR);
		threePhase = Specs.orDefault(threePhase, DEFAULT_THREE_PHASE);
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
		OneCycleSchedule.Anneal parsedAnneal = Specs.option(OneCycleSchedule.Anneal.class, "anneal", anneal);
		return Specs.leaf(interval, new OneCycleSchedule(Specs.required("maxLr", maxLr),
				Specs.required("totalSteps", totalSteps), pctStart, parsedAnneal, divFactor, finalDivFactor, threePhase,
				cycleMomentum, baseMomentum, maxMomentum), iterationsPerEpoch);
	}

}
