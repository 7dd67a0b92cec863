package dev.lrtune.core.data;

/**
 * A dataset split into the rows the model trains on and the rows it is validated on, both already
 * standardised with {@code standardization} (fitted on {@code train} only), and their targets with
 * {@code targetScaling}.
 *
 * @param train the training rows (never empty)
 * @param validation the held-out rows (empty when the validation fraction is 0)
 * @param standardization the per-column mean and scale applied to both parts
 * @param targetScaling the target's mean and scale applied to both parts; the trainer reports losses through
 *        {@link TargetScaling#toTargetUnits(double)}
 */
public record SplitDataset(Dataset train, Dataset validation, Standardization standardization,
		TargetScaling targetScaling) {

	/** A split whose targets are used as they are. */
	public SplitDataset(Dataset train, Dataset validation, Standardization standardization) {
		this(train, validation, standardization, TargetScaling.none());
	}

	/** The validation share used when a request gives none, as in the API. */
	public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

}
