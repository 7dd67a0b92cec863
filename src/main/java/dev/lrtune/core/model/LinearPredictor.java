package dev.lrtune.core.model;

/**
 * {@code linear} (ŷ = w·x + b, mean squared error as PyTorch's {@code MSELoss}) and {@code logistic}
 * (z = w·x + b, binary cross-entropy on labels 0/1 as {@code BCEWithLogitsLoss}). Parameters: the weights
 * {@code w[0..inputs)}, then the bias. Both start at zero.
 *
 * <p>One output per row, so the forward pass is a dot product per row (four accumulators) rather than the
 * layer kernels, and the weight gradient Σ rᵢ·xᵢ is accumulated four rows per pass.
 */
final class LinearPredictor implements Model {

	private final boolean logistic;

	private final int inputs;

	private final double[] parameters;

	/** Per-row dLoss/dz of the current batch. */
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
	public void ensureCapacity(int rows) {
		if (rows > residuals.length) {
			residuals = new double[rows];
		}
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int from, int n, double[] gradient) {
		double bias = parameters[inputs];
		double loss = 0;
		for (int i = 0; i < n; i++) {
			int row = from + i;
			double z = Kernels.dot(x, row * inputs, parameters, inputs) + bias;
			double target = y[row];
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
		accumulateGradient(x, from, n, gradient);
		return loss / n;
	}

	/**
	 * gradient = [Σ rᵢ·xᵢ, Σ rᵢ]. The rows sit at different offsets of one array, so C2 keeps this loop scalar
	 * (see {@link Kernels}); taking four rows per pass loads and stores each gradient element n/4 times instead
	 * of n times.
	 */
	private void accumulateGradient(double[] x, int from, int n, double[] gradient) {
		java.util.Arrays.fill(gradient, 0, inputs, 0.0);
		double biasGradient = 0;
		int i = 0;
		for (; i + 3 < n; i += 4) {
			double r0 = residuals[i];
			double r1 = residuals[i + 1];
			double r2 = residuals[i + 2];
			double r3 = residuals[i + 3];
			int o0 = (from + i) * inputs;
			int o1 = o0 + inputs;
			int o2 = o1 + inputs;
			int o3 = o2 + inputs;
			for (int k = 0; k < inputs; k++) {
				gradient[k] += r0 * x[o0 + k] + r1 * x[o1 + k] + r2 * x[o2 + k] + r3 * x[o3 + k];
			}
			biasGradient += r0 + r1 + r2 + r3;
		}
		for (; i < n; i++) {
			double r = residuals[i];
			int offset = (from + i) * inputs;
			for (int k = 0; k < inputs; k++) {
				gradient[k] += r * x[offset + k];
			}
			biasGradient += r;
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
