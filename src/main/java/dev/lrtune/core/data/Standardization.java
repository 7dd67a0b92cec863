package dev.lrtune.core.data;

/**
 * Per-column z-score scaling {@code (x - mean) / scale}, fitted on the training rows only so that no
 * statistic of the validation rows leaks into training (as scikit-learn's {@code StandardScaler}: population
 * standard deviation, and a scale of 1 for a constant column so it becomes all zeros instead of NaN).
 */
public final class Standardization {

	/** Machine epsilon of {@code double}: the relative rounding error bound of one operation. */
	private static final double EPSILON = Math.ulp(1.0);

	private final double[] mean;

	private final double[] scale;

	private final boolean identity;

	private Standardization(double[] mean, double[] scale, boolean identity) {
		this.mean = mean;
		this.scale = scale;
		this.identity = identity;
	}

	/** The statistics of {@code data}, summed in row order (so the same data gives the same bits). */
	public static Standardization fit(Dataset data) {
		int rows = data.rows();
		int cols = data.cols();
		double[] x = data.features();
		double[] mean = new double[cols];
		double[] scale = new double[cols];
		for (int row = 0; row < rows; row++) {
			int offset = row * cols;
			for (int col = 0; col < cols; col++) {
				mean[col] += x[offset + col];
			}
		}
		for (int col = 0; col < cols; col++) {
			mean[col] /= rows;
		}
		double[] variance = new double[cols];
		for (int row = 0; row < rows; row++) {
			int offset = row * cols;
			for (int col = 0; col < cols; col++) {
				double d = x[offset + col] - mean[col];
				variance[col] += d * d;
			}
		}
		for (int col = 0; col < cols; col++) {
			double v = variance[col] / rows;
			scale[col] = isConstant(v, mean[col], rows) ? 1.0 : Math.sqrt(v);
		}
		return new Standardization(mean, scale, false);
	}

	/** No scaling: mean 0, scale 1 (for {@code standardize=false}). */
	public static Standardization none(int cols) {
		double[] scale = new double[cols];
		java.util.Arrays.fill(scale, 1.0);
		return new Standardization(new double[cols], scale, true);
	}

	/**
	 * A variance no larger than the rounding error of the two-pass computation itself (scikit-learn's
	 * bound), which is what a column of one repeated value produces.
	 */
	private static boolean isConstant(double variance, double mean, int rows) {
		double meanError = rows * Math.abs(mean) * EPSILON;
		return variance <= rows * EPSILON * variance + meanError * meanError;
	}

	public boolean isIdentity() {
		return identity;
	}

	public int cols() {
		return mean.length;
	}

	public double mean(int col) {
		return mean[col];
	}

	public double scale(int col) {
		return scale[col];
	}

	/**
	 * Scales every feature of the row-major {@code features} ({@code cols} per row) where it is: for arrays their
	 * holder made for this alone (a split's parts, {@link #apply}'s copy).
	 */
	void scaleInPlace(double[] features, int cols) {
		if (identity) {
			return;
		}
		for (int offset = 0; offset < features.length; offset += cols) {
			for (int col = 0; col < cols; col++) {
				features[offset + col] = (features[offset + col] - mean[col]) / scale[col];
			}
		}
	}

	/** {@code data} with every feature scaled (the same instance when this is the identity). */
	public Dataset apply(Dataset data) {
		if (identity) {
			return data;
		}
		double[] scaled = data.features().clone();
		scaleInPlace(scaled, data.cols());
		return Dataset.trusted(scaled, data.rows(), data.cols(), data.targets(), data.task(), data.featureNames());
	}

}
