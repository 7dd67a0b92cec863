package dev.lrtune.schedule;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.lrtune.core.schedule.PlateauSchedule;
import dev.lrtune.core.schedule.Schedule;

/** {@code plateau}: PyTorch {@code ReduceLROnPlateau}. */
@JsonTypeName(PlateauSpec.TYPE)
@Schema(description = "Reduce on plateau (PyTorch ReduceLROnPlateau), fed the validation loss: the rate is "
		+ "multiplied by factor once the metric has not improved for more than patience evaluations.", example = """
				{"type": "plateau", "lr": 0.1, "factor": 0.5, "patience": 5, "cooldown": 2, "minLr": 0.0001}""")
public record PlateauSpec(
		@Schema(description = Specs.LR) @NotNull @PositiveOrZero Double lr,
		@Schema(description = "Whether a lower (min, a loss) or higher (max) metric is better.",
				defaultValue = PlateauSpec.DEFAULT_MODE, allowableValues = { "min", "max" }) String mode,
		@Schema(description = "Factor applied on a plateau; in (0, 1).",
				defaultValue = "" + PlateauSpec.DEFAULT_FACTOR) @Positive @DecimalMax(value = "1",
						inclusive = false) Double factor,
		@Schema(description = "Evaluations without improvement tolerated before reducing; >= 0.",
				defaultValue = "" + PlateauSpec.DEFAULT_PATIENCE) @PositiveOrZero Integer patience,
		@Schema(description = "Smallest change that counts as an improvement; >= 0.",
				defaultValue = "" + PlateauSpec.DEFAULT_THRESHOLD) @PositiveOrZero Double threshold,
		@Schema(description = "rel: improvement beyond best·(1 ∓ threshold); abs: beyond best ∓ threshold.",
				defaultValue = PlateauSpec.DEFAULT_THRESHOLD_MODE, allowableValues = { "rel", "abs" })
		String thresholdMode,
		@Schema(description = "Evaluations to wait after a reduction before counting again; >= 0.",
				defaultValue = "" + PlateauSpec.DEFAULT_COOLDOWN) @PositiveOrZero Integer cooldown,
		@Schema(description = "The rate never goes below this; between 0 and lr.",
				defaultValue = "" + PlateauSpec.DEFAULT_MIN_LR) @PositiveOrZero Double minLr,
		@Schema(description = "A reduction smaller than eps is skipped; >= 0.",
				defaultValue = "" + PlateauSpec.DEFAULT_EPS) @PositiveOrZero Double eps,
		@Schema(description = Specs.INTERVAL, defaultValue = DEFAULT_INTERVAL,
				allowableValues = { Specs.ITERATION, Specs.EPOCH }) String interval)
		implements ScheduleSpec {

	public static final String TYPE = "plateau";

	public static final String DEFAULT_MODE = "min";

	public static final double DEFAULT_FACTOR = 0.1;

	public static final int DEFAULT_PATIENCE = 10;

	public static final double DEFAULT_THRESHOLD = 1e-4;

	public static final String DEFAULT_THRESHOLD_MODE = "rel";

	public static final int DEFAULT_COOLDOWN = 0;

	public static final double DEFAULT_MIN_LR = 0;

	public static final double DEFAULT_EPS = 1e-8;

	public PlateauSpec {
		mode = Specs.orDefault(mode, DEFAULT_MODE);
		factor = Specs.orDefault(factor, DEFAULT_FACTOR);
		patience = Specs.orDefault(patience, DEFAULT_PATIENCE);
		threshold = Specs.orDefault(threshold, DEFAULT_THRESHOLD);
		thresholdMode = Specs.orDefault(thresholdMode, DEFAULT_THRESHOLD_MODE);
		cooldown = Specs.orDefault(cooldown, DEFAULT_COOLDOWN);
		minLr = Specs.orDefault(minLr, DEFAULT_MIN_LR);
		eps = Specs.orDefault(eps, DEFAULT_EPS);
		interval = Specs.orDefault(interval, DEFAULT_INTERVAL);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Schedule toSchedule(int iterationsPerEpoch) {
		PlateauSchedule.Mode parsedMode = Specs.option(PlateauSchedule.Mode.class, "mode", mode);
		PlateauSchedule.ThresholdMode parsedThresholdMode = Specs.option(PlateauSchedule.ThresholdMode.class,
				"thresholdMode", thresholdMode);
		return Specs.leaf(interval, new PlateauSchedule(Specs.required("lr", lr), parsedMode, factor, patience,
				threshold, parsedThresholdMode, cooldown, minLr, eps), iterationsPerEpoch);
	}

}
