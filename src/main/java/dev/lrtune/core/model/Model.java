package dev.lrtune.core.model;

import dev.lrtune.core.data.Dataset;

/**
 * A differentiable model with all its parameters in one flat array.
 *
 * <p>Lifecycle: {@link Models#create} initialises the parameters; {@link #ensureCapacity(int)} sizes the
 * workspaces once for the largest batch; then each step calls {@link #lossAndGradient} and lets an optimizer
 * update {@link #parameters()} in place; {@link #evaluate(Dataset, MetricSums)} measures a split at any
 * time. A model is stateful (it owns its workspaces) and not thread-safe: one per training run.
 *
 * <p>Inputs are flat row-major arrays ({@code x[row * inputs() + col]}). The examples of a call are either a
 * row range {@code [from, from+n)} (a slice of a dataset) or a list of row indices (a shuffled minibatch,
 * read straight from the dataset: each model gathers the rows into the layout its kernels want, so that the
 * trainer never copies them twice). Both forms give the same bits for the same rows in the same order.
 */
public interface Model {

	/** Rows {@link #evaluate(Dataset, MetricSums)} processes at a time when the workspace allows. */
	int EVALUATION_ROWS = 256;

	/** The model type as in the API: {@code linear}, {@code logistic}, {@code softmax} or {@code mlp}. */
	String type();

	/** Number of features each example has. */
	int inputs();

	int parameterCount();

	/** The live parameter vector; optimizers update it in place. */
	double[] parameters();

	/** The most rows one call can take without growing the workspace. */
	int capacity();

	/** Grows the workspaces to take {@code rows} rows per call (never shrinks; allocates only when growing). */
	void ensureCapacity(int rows);

	/**
	 * The mean loss of rows {@code [from, from+n)} and, into {@code gradient} (overwritten, length
	 * {@link #parameterCount()}), its gradient with respect to {@link #parameters()}.
	 * @param n number of rows, 1..{@link #capacity()}
	 */
	double lossAndGradient(double[] x, double[] y, int from, int n, double[] gradient);

	/**
	 * {@link #lossAndGradient(double[], double[], int, int, double[])} of the rows {@code rows[0..n)} of
	 * {@code x} and {@code y}, taken in that order: bit for bit what the same rows would give gathered into a
	 * contiguous range.
	 * @param n number of rows, 1..{@link #capacity()}
	 */
	double lossAndGradient(double[] x, double[] y, int[] rows, int n, double[] gradient);

	/** Adds the per-example losses (and correct predictions, for classifiers) of rows {@code [from, from+n)}. */
	void accumulate(double[] x, double[] y, int from, int n, MetricSums sums);

	/** Whether {@link #accumulate} counts correct predictions (classification models). */
	boolean isClassifier();

	/**
	 * Mean loss (and accuracy) over all rows of {@code data} into {@code sums}, without allocating once the
	 * capacity has been reserved. The sum runs in row order, so the result does not depend on the chunking.
	 */
	default void evaluate(Dataset data, MetricSums sums) {
		sums.reset();
		ensureCapacity(Math.min(Math.max(1, data.rows()), EVALUATION_ROWS));
		int chunk = capacity();
		for (int from = 0; from < data.rows(); from += chunk) {
			accumulate(data.features(), data.targets(), from, Math.min(chunk, data.rows() - from), sums);
		}
	}

	/** Mean loss and accuracy (NaN for regression, both NaN for an empty dataset) over all rows of {@code data}. */
	default Evaluation evaluate(Dataset data) {
		MetricSums sums = new MetricSums();
		evaluate(data, sums);
		return new Evaluation(sums.meanLoss(), isClassifier() ? sums.accuracy() : Double.NaN);
	}

}
