package dev.lrtune.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.lrtune.core.InvalidParameterException;

/**
 * A table of dense {@code double} features with one target per row.
 *
 * <p>Features live in ONE flat row-major array ({@code features[row * cols + col]}), never a jagged
 * {@code double[][]}: a minibatch is then gathered with one {@link System#arraycopy} per row and a pass
 * over the data streams through contiguous memory. Targets are real values for regression and class
 * indices {@code 0..classes-1} (stored as {@code double}) for classification.
 *
 * <p>Instances are immutable by contract: {@link #features()} and {@link #targets()} hand out the backing
 * arrays so the trainer can read them without copying; callers must not write to them.
 */
public final class Dataset {

	private final double[] features;

	private final int rows;

	private final int cols;

	private final double[] targets;

	private final Task task;

	private final List<String> featureNames;

	private Dataset(double[] features, int rows, int cols, double[] targets, Task task, List<String> featureNames) {
		this.features = features;
		this.rows = rows;
		this.cols = cols;
		this.targets = targets;
		this.task = task;
		this.featureNames = featureNames;
	}

	/**
	 * A dataset from the caller's arrays, which are copied and validated.
	 * @param features {@code rows * cols} finite values, row-major
	 * @param rows number of examples (at least 1)
	 * @param cols number of features per example (at least 1)
	 * @param targets {@code rows} finite targets; class indices {@code 0..classes-1} for classification
	 * @param task regression or classification with its class count
	 * @param featureNames {@code cols} names, or {@code null} for {@code x0, x1, …}
	 * @throws InvalidParameterException naming {@code rows}, {@code cols}, {@code features}, {@code targets}
	 * or {@code featureNames}
	 */
	public static Dataset of(double[] features, int rows, int cols, double[] targets, Task task,
			List<String> featureNames) {
		check(features, rows, cols, targets, task);
		return new Dataset(features.clone(), rows, cols, targets.clone(), task, names(featureNames, cols));
	}

	/**
	 * {@link #of} without the copy: the caller hands its arrays over and never writes them again (for arrays made for
	 * this dataset alone, such as a dataset just read from its file or from the database, where a copy would only
	 * double the memory and the time). Validated as {@link #of} validates.
	 */
	public static Dataset ofOwned(double[] features, int rows, int cols, double[] targets, Task task,
			List<String> featureNames) {
		check(features, rows, cols, targets, task);
		return new Dataset(features, rows, cols, targets, task, names(featureNames, cols));
	}

	private static void check(double[] features, int rows, int cols, double[] targets, Task task) {
		Objects.requireNonNull(task, "task");
		checkShape(features, rows, cols, targets);
		for (int i = 0; i < features.length; i++) {
			if (!Double.isFinite(features[i])) {
				throw new InvalidParameterException("features",
						"value at row " + i / cols + ", column " + i % cols + " is not finite: " + features[i]);
			}
		}
		checkTargets(targets, task);
	}

	/** A dataset over arrays this package built itself: no copy, no validation. */
	static Dataset trusted(double[] features, int rows, int cols, double[] targets, Task task, List<String> names) {
		return new Dataset(features, rows, cols, targets, task, names);
	}

	public int rows() {
		return rows;
	}

	public int cols() {
		return cols;
	}

	public Task task() {
		return task;
	}

	public List<String> featureNames() {
		return featureNames;
	}

	/** The backing row-major feature array, {@code rows * cols} long. Read only. */
	public double[] features() {
		return features;
	}

	/** The backing target array, {@code rows} long. Read only. */
	public double[] targets() {
		return targets;
	}

	public double feature(int row, int col) {
		Objects.checkIndex(col, cols);
		return features[Objects.checkIndex(row, rows) * cols + col];
	}

	public double target(int row) {
		return targets[row];
	}

	/**
	 * {@link #split(double, long, boolean, boolean)} with the target standardised (the default): a regression
	 * target is z-scored for training, losses are still reported in its units.
	 */
	public SplitDataset split(double validationFraction, long seed, boolean standardize) {
		return split(validationFraction, seed, standardize, true);
	}

	/**
	 * Splits off a seeded random validation set and standardises both parts with statistics of the
	 * training part only.
	 * @param validationFraction share of rows held out, in [0, 1); 0 leaves the validation set empty
	 * @param seed the job seed; the rows are chosen from {@link RandomStreams#split(long)}
	 * @param standardize whether to z-score the features
	 * @param standardizeTarget whether to z-score a regression target ({@link TargetScaling}); classification
	 *        targets are never scaled
	 */
	public SplitDataset split(double validationFraction, long seed, boolean standardize, boolean standardizeTarget) {
		int validationRows = validationRows(validationFraction);
		int[] order = new int[rows];
		for (int i = 0; i < rows; i++) {
			order[i] = i;
		}
		RandomStreams.shuffle(order, rows, RandomStreams.split(seed));
		boolean[] validation = new boolean[rows];
		for (int i = 0; i < validationRows; i++) {
			validation[order[i]] = true;
		}
		// Both parts keep the rows in their original relative order. Their arrays are this split's own, so they are
		// scaled where they are: the same operations on the same values as a scaled copy, without a second block of
		// the dataset's size to allocate, zero and fill.
		Dataset train = subset(validation, false, rows - validationRows);
		Dataset held = subset(validation, true, validationRows);
		Standardization scaling = standardize ? Standardization.fit(train) : Standardization.none(cols);
		TargetScaling target = standardizeTarget ? TargetScaling.fit(train) : TargetScaling.none();
		for (Dataset part : List.of(train, held)) {
			scaling.scaleInPlace(part.features, part.cols);
			target.scaleInPlace(part.targets);
		}
		return new SplitDataset(train, held, scaling, target);
	}

	/** {@link #split(double, long, boolean)} with the defaults: 20 % validation, standardised. */
	public SplitDataset split(long seed) {
		return split(SplitDataset.DEFAULT_VALIDATION_FRACTION, seed, true);
	}

	private int validationRows(double fraction) {
		if (!(fraction >= 0 && fraction < 1)) {
			throw new InvalidParameterException("validationFraction", "must be in [0, 1), got " + fraction);
		}
		if (fraction == 0) {
			return 0;
		}
		if (rows < 2) {
			throw new InvalidParameterException("validationFraction", "a dataset of one row cannot be split");
		}
		return heldOutRows(rows, fraction);
	}

	/**
	 * How many of {@code rows} rows a split with {@code fraction} in [0, 1) holds out: none for 0, else
	 * {@code rows × fraction} rounded and kept within 1…rows−1, so that neither side is empty. The one rule, also for
	 * those who size an epoch before the dataset is loaded.
	 */
	public static int heldOutRows(int rows, double fraction) {
		if (fraction == 0) {
			return 0;
		}
		return (int) Math.max(1, Math.min(rows - 1, Math.round(rows * fraction)));
	}

	private Dataset subset(boolean[] validation, boolean wanted, int count) {
		double[] x = new double[count * cols];
		double[] y = new double[count];
		int next = 0;
		for (int row = 0; row < rows; row++) {
			if (validation[row] == wanted) {
				System.arraycopy(features, row * cols, x, next * cols, cols);
				y[next++] = targets[row];
			}
		}
		return new Dataset(x, count, cols, y, task, featureNames);
	}

	private static void checkShape(double[] features, int rows, int cols, double[] targets) {
		if (rows < 1) {
			throw new InvalidParameterException("rows", "must be at least 1, got " + rows);
		}
		if (cols < 1) {
			throw new InvalidParameterException("cols", "must be at least 1, got " + cols);
		}
		if (features == null || (long) rows * cols != features.length) {
			throw new InvalidParameterException("features", "must hold rows * cols = " + (long) rows * cols
					+ " values, got " + (features == null ? "none" : features.length));
		}
		if (targets == null || targets.length != rows) {
			throw new InvalidParameterException("targets",
					"must hold one value per row (" + rows + "), got " + (targets == null ? "none" : targets.length));
		}
	}

	private static void checkTargets(double[] targets, Task task) {
		for (int row = 0; row < targets.length; row++) {
			double y = targets[row];
			if (!Double.isFinite(y)) {
				throw new InvalidParameterException("targets", "value at row " + row + " is not finite: " + y);
			}
			if (task.isClassification() && (y != Math.rint(y) || y < 0 || y >= task.classes())) {
				throw new InvalidParameterException("targets", "value at row " + row + " is not a class index in 0.."
						+ (task.classes() - 1) + ": " + y);
			}
		}
	}

	private static List<String> names(List<String> given, int cols) {
		if (given == null) {
			List<String> generated = new ArrayList<>(cols);
			for (int col = 0; col < cols; col++) {
				generated.add("x" + col);
			}
			return List.copyOf(generated);
		}
		if (given.size() != cols) {
			throw new InvalidParameterException("featureNames", "must name every column (" + cols + "), got " + given.size());
		}
		return List.copyOf(given);
	}

	@Override
	public String toString() {
		return "Dataset[" + rows + " x " + cols + ", " + task + "]";
	}

}
