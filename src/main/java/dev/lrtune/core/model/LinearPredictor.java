package dev.lrtune.core.model;

import java.util.Arrays;

/**
 * {@code linear} (ŷ = w·x + b, mean squared error as PyTorch's {@code MSELoss}) and {@code logistic}
 * (z = w·x + b, binary cross-entropy on labels 0/1 as {@code BCEWithLogitsLoss}). Parameters: the weights
 * {@code w[0..inputs)}, then the bias. Both start at zero.
 *
 * <p>One output per row, so the forward pass is a dot product per row rather than the layer kernels. A step
 * first copies the batch's rows out of the dataset into one array per row (one {@link System#arraycopy}
 * each, straight from the shuffled row indices); then the forward pass takes two rows per
 * {@link Kernels#dot2} and the weight gradient Σ rᵢ·xᵢ four rows per {@link Kernels#axpy4}, which C2
 * vectorises because every operand is a whole array indexed alike (see {@link Kernels}). The arithmetic,
 * and so every bit, is that of one four-accumulator dot product per row and a gradient summed four rows at
 * a time in row order.
 */
final class LinearPredictor implements Model {

	private final boolean logistic;

	private final int inputs;

	private final double[] parameters;

	/** The current batch: its rows (one array each), targets, dot products w·x and per-row dLoss/dz. */
	private double[][] rows = new double[0][];

	private double[] targets = new double[0];

	private double[] dots = new double[0];

	private double[] residuals = new double[0];

	LinearPredictor(int inputs, boolean logistic) {
		this.inputs = inputs;
		this.logistic = logistic;
		this.parameters = new double[inputs + 1];
	}

	@Override
	public String type() {
		return logistic ? "logistic" : "linear";
	}

	@Override
	public int inputs() {
		return inputs;
	}

	@Override
	public int parameterCount() {
		return parameters.length;
	}

	@Override
	public double[] parameters() {
		return parameters;
	}

	@Override
	public boolean isClassifier() {
		return logistic;
	}

	@Override
	public int capacity() {
		return residuals.length;
	}

	@Override
	public void ensureCapacity(int capacity) {
		if (capacity > residuals.length) {
			rows = new double[capacity][inputs];
			targets = new double[capacity];
			dots = new double[capacity];
			residuals = new double[capacity];
		}
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int from, int n, double[] gradient) {
		for (int i = 0; i < n; i++) {
			System.arraycopy(x, (from + i) * inputs, rows[i], 0, inputs);
			targets[i] = y[from + i];
		}
		return lossAndGradientOfBatch(n, gradient);
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int[] rowIndices, int n, double[] gradient) {
		for (int i = 0; i < n; i++) {
			int row = rowIndices[i];
			System.arraycopy(x, row * inputs, rows[i], 0, inputs);
			targets[i] = y[row];
		}
		return lossAndGradientOfBatch(n, gradient);
	}

	private double lossAndGradientOfBatch(int n, double[] gradient) {
		int i = 0;
		for (; i + 1 < n; i += 2) {
			Kernels.dot2(rows[i], rows[i + 1], parameters, inputs, dots, i);
		}
		if (i < n) {
			dots[i] = Kernels.dot(rows[i], 0, parameters, inputs);
		}
		double bias = parameters[inputs];
		double loss = 0;
		for (i = 0; i < n; i++) {
			double z = dots[i] + bias;
			double target = targets[i];
			if (logistic) {
				// binaryCrossEntropy(z, y) inlined so that σ(z) reuses e = exp(−|z|), which never overflows
				double e = StrictMath.exp(-Math.abs(z));
				loss += Math.max(z, 0.0) + StrictMath.log1p(e) - target * z;
				residuals[i] = ((z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - target) / n;
			}
			else {
				double error = z - target;
				loss += error * error;
				residuals[i] = 2 * error / n;
			}
		}
		accumulateGradient(n, gradient);
		return loss / n;
	}

	/** gradient = [Σ rᵢ·xᵢ, Σ rᵢ], four rows per pass so each gradient element is loaded and stored n/4 times. */
	private void accumulateGradient(int n, double[] gradient) {
		Arrays.fill(gradient, 0, inputs, 0.0);
		double biasGradient = 0;
		int i = 0;
		for (; i + 3 < n; i += 4) {
			double r0 = residuals[i];
			double r1 = residuals[i + 1];
			double r2 = residuals[i + 2];
			double r3 = residuals[i + 3];
			Kernels.axpy4(gradient, r0, rows[i], r1, rows[i + 1], r2, rows[i + 2], r3, rows[i + 3], inputs);
			biasGradient += r0 + r1 + r2 + r3;
		}
		for (; i < n; i++) {
			Kernels.axpy(gradient, residuals[i], rows[i], inputs);
			biasGradient += residuals[i];
		}
		gradient[inputs] = biasGradient;
	}

	@Override
	public void accumulate(double[] x, double[] y, int from, int n, MetricSums sums) {
		double bias = parameters[inputs];
		for (int row = from; row < from + n; row++) {
			double z = Kernels.dot(x, row * inputs, parameters, inputs) + bias;
			double target = y[row];
			if (logistic) {
				sums.add(binaryCrossEntropy(z, target), (z > 0 ? 1.0 : 0.0) == target);
			}
			else {
				double error = z - target;
				sums.add(error * error, false);
			}
		}
	}

	/** −[y·log σ(z) + (1−y)·log(1−σ(z))] = softplus(z) − y·z, with softplus(z) = max(z,0) + log1p(e^−|z|). */
	static double binaryCrossEntropy(double z, double y) {
		return Math.max(z, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(z))) - y * z;
	}

}
