package dev.lrtune.core.data;

/**
 * The z-score of a regression target, {@code (y - mean) / scale}, fitted on the training rows only: models train
 * on a target of mean 0 and variance 1 whatever its units, so the same learning rates suit a price in dollars and
 * a magnitude on the Richter scale. The squared error of a standardised target is the squared error in the
 * target's own units divided by {@code scale²}; {@link #toTargetUnits(double)} multiplies a loss back so that
 * every loss lrtune reports is in the target's units.
 *
 * <p>Population standard deviation, and a scale of 1 for a constant target (as {@link Standardization} does for
 * features). Classification targets are class indices and are never scaled ({@link #none()}).
 *
 * @param mean the training target's mean (0 for none)
 * @param scale the training target's standard deviation (1 for none)
 */
public record TargetScaling(double mean, double scale) {

	private static final TargetScaling NONE = new TargetScaling(0, 1);

	public TargetScaling {
		if (!Double.isFinite(mean) || !(scale > 0 && Double.isFinite(scale))) {
			throw new IllegalArgumentException("mean must be finite and scale finite and > 0, were " + mean + ", " + scale);
		}
	}

	/** No scaling. */
	public static TargetScaling none() {
		return NONE;
	}

	/** The statistics of {@code train}'s targets when it is a regression dataset, else {@link #none()}. */
	public static TargetScaling fit(Dataset train) {
		if (train.task().isClassification()) {
			return NONE;
		}
		double[] y = train.targets();
		double mean = 0;
		for (double value : y) {
			mean += value;
		}
		mean /= y.length;
		double variance = 0;
		for (double value : y) {
			variance += (value - mean) * (value - mean);
		}
		variance /= y.length;
		// a constant target, up to the rounding of the two passes, keeps its scale rather than dividing by ~0
		double rounding = y.length * Math.ulp(Math.abs(mean));
		double scale = variance <= rounding * rounding || variance == 0 ? 1 : Math.sqrt(variance);
		return new TargetScaling(mean, scale);
	}

	public boolean isIdentity() {
		return mean == 0 && scale == 1;
	}

	/** {@code data} with its targets scaled (the same instance when this is the identity). */
	public Dataset apply(Dataset data) {
		if (isIdentity()) {
			return data;
		}
		double[] scaled = data.targets().clone();
		scaleInPlace(scaled);
		return Dataset.trusted(data.features(), data.rows(), data.cols(), scaled, data.task(), data.featureNames());
	}

	/** Scales {@code targets} where they are: for arrays their holder made for this alone (a split's parts, {@link #apply}'s copy). */
	void scaleInPlace(double[] targets) {
		if (isIdentity()) {
			return;
		}
		for (int row = 0; row < targets.length; row++) {
			targets[row] = (targets[row] - mean) / scale;
		}
	}

	/** A squared-error loss measured on the scaled target, in the target's own units: {@code loss · scale²}. */
	public double toTargetUnits(double loss) {
		return isIdentity() ? loss : loss * scale * scale;
	}

	/** A prediction of the scaled target, in the target's own units: {@code prediction · scale + mean}. */
	public double toTarget(double prediction) {
		return prediction * scale + mean;
	}

}
