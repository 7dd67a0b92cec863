package dev.lrtune.core.model;

import java.util.Arrays;

/**
 * {@code linear} (ŷ = w·x + b, mean squared error as PyTorch's {@code MSELoss}) and {@code logistic}
 * (z = w·x + b, binary cross-entropy on labels 0/1 as {@code BCEWithLogitsLoss}). Parameters: the weights
 * {@code w[0..inputs)}, then the bias. Both start at zero.
 *
 * <p>One output per row, so the forward pass is a dot product per row rather than the layer kernels. The
 * arithmetic, and so every bit, is that of one four-accumulator dot product per row and a gradient summed
 * four rows at a time in row order; two layouts compute it:
 * <ul>
 * <li>with the vector kernels ({@link Kernels#VECTOR}), in place: one pass of independent loads first
 * brings all the batch's rows in from memory at once ({@link #touch}); then eight rows at a time (then four,
 * then one) are read straight from the dataset at their offsets, their dot products, losses and residuals
 * computed, and their terms added to the gradient while the rows are still in L1 (eight rows' gradient
 * terms in one pass are two four-row sums added in turn: the same bits). With 512-bit vectors the eight
 * rows' logistic losses are computed in the lanes of one vector ({@link VectorLoss#logisticLosses}, the
 * bits of {@link #lossAndResidual}). No row is copied;</li>
 * <li>otherwise, gathered: the batch's rows are first copied into one array per row (one
 * {@link System#arraycopy} each), because C2's auto-vectoriser only handles whole arrays indexed alike;
 * then two rows per {@link ScalarKernels#dot2} and four rows per {@link ScalarKernels#axpy4}.</li>
 * </ul>
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

	/** Per-row losses of the logistic loss's vector lanes, summed in row order after. */
	private double[] losses = new double[0];

	/** Row offsets ({@code row · inputs}) of the current batch, for the in-place layout. */
	private int[] offsets = new int[0];

	private final boolean inPlace;

	/** What {@link #touch} read; never used, held only so that its loads stay. */
	@SuppressWarnings("unused")
	private double touched;

	LinearPredictor(int inputs, boolean logistic) {
		this(inputs, logistic, Kernels.VECTOR);
	}

	/** @param inPlace the in-place layout, which needs the vector kernels (tests compare the two) */
	LinearPredictor(int inputs, boolean logistic, boolean inPlace) {
		this.inputs = inputs;
		this.logistic = logistic;
		this.parameters = new double[inputs + 1];
		this.inPlace = inPlace;
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
			rows = inPlace ? new double[0][] : new double[capacity][inputs];
			offsets = new int[capacity];
			targets = new double[capacity];
			dots = new double[capacity];
			residuals = new double[capacity];
			losses = new double[capacity];
		}
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int from, int n, double[] gradient) {
		if (inPlace) {
			for (int i = 0; i < n; i++) {
				offsets[i] = (from + i) * inputs;
				targets[i] = y[from + i];
			}
			return lossAndGradientInPlace(x, n, gradient);
		}
		for (int i = 0; i < n; i++) {
			System.arraycopy(x, (from + i) * inputs, rows[i], 0, inputs);
			targets[i] = y[from + i];
		}
		return lossAndGradientOfBatch(n, gradient);
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int[] rowIndices, int n, double[] gradient) {
		if (inPlace) {
			for (int i = 0; i < n; i++) {
				int row = rowIndices[i];
				offsets[i] = row * inputs;
				targets[i] = y[row];
			}
			return lossAndGradientInPlace(x, n, gradient);
		}
		for (int i = 0; i < n; i++) {
			int row = rowIndices[i];
			System.arraycopy(x, row * inputs, rows[i], 0, inputs);
			targets[i] = y[row];
		}
		return lossAndGradientOfBatch(n, gradient);
	}

	/** The rows at {@code offsets[0..n)} of x, four at a time, read in place (see the class comment). */
	private double lossAndGradientInPlace(double[] x, int n, double[] gradient) {
		Arrays.fill(gradient, 0, inputs, 0.0);
		double[] w = parameters;
		double bias = w[inputs];
		double loss = 0;
		double biasGradient = 0;
		touched = touch(x, n);
		int i = 0;
		for (; i + 7 < n; i += 8) {
			VectorKernels.dot8(x, offsets, i, w, inputs, dots, i);
			// the loss in vector lanes with 512-bit vectors only: with 256-bit ones, 12 of 16 JVMs that also
			// trained the MLP settled on code that took 27–47 ms an epoch instead of 16, the lanes compiled after
			// the MLP's vector code had run falling back to boxed vectors (see VectorLoss.exp)
			if (logistic && VectorKernels.lanes() == 8) {
				loss = addLogisticLosses(loss, i, i + 8, bias, n);
			}
			else {
				for (int r = i; r < i + 8; r++) {
					loss += lossAndResidual(r, bias, n);
				}
			}
			VectorKernels.axpy8(gradient, residuals, offsets, i, x, inputs);
			biasGradient += residuals[i] + residuals[i + 1] + residuals[i + 2] + residuals[i + 3];
			biasGradient += residuals[i + 4] + residuals[i + 5] + residuals[i + 6] + residuals[i + 7];
		}
		for (; i + 3 < n; i += 4) {
			int o0 = offsets[i];
			int o1 = offsets[i + 1];
			int o2 = offsets[i + 2];
			int o3 = offsets[i + 3];
			VectorKernels.dot4(x, o0, o1, o2, o3, w, inputs, dots, i);
			for (int r = i; r < i + 4; r++) {
				loss += lossAndResidual(r, bias, n);
			}
			double r0 = residuals[i];
			double r1 = residuals[i + 1];
			double r2 = residuals[i + 2];
			double r3 = residuals[i + 3];
			VectorKernels.axpy4(gradient, r0, o0, r1, o1, r2, o2, r3, o3, x, inputs);
			biasGradient += r0 + r1 + r2 + r3;
		}
		for (; i < n; i++) {
			dots[i] = VectorKernels.dot(x, offsets[i], w, inputs);
			loss += lossAndResidual(i, bias, n);
			VectorKernels.axpy(gradient, residuals[i], offsets[i], x, inputs);
			biasGradient += residuals[i];
		}
		gradient[inputs] = biasGradient;
		return loss / n;
	}

	/**
	 * Loads one double per cache line of each of the batch's rows, all independent, so that the memory
	 * system fetches many lines at once (as many as the core allows in flight) instead of the few that the
	 * arithmetic's own loads keep outstanding; the arithmetic then finds the rows in L1/L2. Measured on a
	 * shuffled 100,000 × 100 epoch, batch 32: about 30 % less time than without it. The sum is kept in a
	 * field so that the loads cannot be dropped as dead.
	 */
	private double touch(double[] x, int n) {
		double s0 = 0;
		double s1 = 0;
		int r = 0;
		for (; r + 1 < n; r += 2) {
			int o0 = offsets[r];
			int o1 = offsets[r + 1];
			for (int k = 0; k < inputs; k += 8) {
				s0 += x[o0 + k];
				s1 += x[o1 + k];
			}
			s0 += x[o0 + inputs - 1];
			s1 += x[o1 + inputs - 1];
		}
		if (r < n) {
			int o = offsets[r];
			for (int k = 0; k < inputs; k += 8) {
				s0 += x[o + k];
			}
			s0 += x[o + inputs - 1];
		}
		return s0 + s1;
	}

	/**
	 * loss + the logistic losses of rows [from, to) (a multiple of the vector lanes), added in row order, their
	 * residuals stored: {@link VectorKernels#lanes()} rows at a time in vector lanes (the bits of
	 * {@link #lossAndResidual}), or by {@link #lossAndResidual} itself where a group's lanes decline (z near
	 * 0, very large, or NaN).
	 */
	private double addLogisticLosses(double loss, int from, int to, double bias, int n) {
		int lanes = VectorKernels.lanes();
		for (int g = from; g < to; g += lanes) {
			if (!VectorLoss.logisticLosses(dots, bias, targets, n, g, residuals, losses)) {
				for (int r = g; r < g + lanes; r++) {
					losses[r] = lossAndResidual(r, bias, n);
				}
			}
		}
		for (int r = from; r < to; r++) {
			loss += losses[r];
		}
		return loss;
	}

	/** Row i's loss from its dot product, and its dLoss/dz (over the batch) into {@code residuals[i]}. */
	private double lossAndResidual(int i, double bias, int n) {
		double z = dots[i] + bias;
		double target = targets[i];
		if (logistic) {
			// binaryCrossEntropy(z, y) inlined so that σ(z) reuses e = exp(−|z|), which never overflows
			double e = Exp.exp(-Math.abs(z));
			residuals[i] = ((z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - target) / n;
			return Math.max(z, 0.0) + Log1p.log1p(e) - target * z;
		}
		double error = z - target;
		residuals[i] = 2 * error / n;
		return error * error;
	}

	private double lossAndGradientOfBatch(int n, double[] gradient) {
		int i = 0;
		for (; i + 1 < n; i += 2) {
			ScalarKernels.dot2(rows[i], rows[i + 1], parameters, inputs, dots, i);
		}
		if (i < n) {
			dots[i] = ScalarKernels.dot(rows[i], 0, parameters, inputs);
		}
		double bias = parameters[inputs];
		double loss = 0;
		for (i = 0; i < n; i++) {
			loss += lossAndResidual(i, bias, n);
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
			ScalarKernels.axpy4(gradient, r0, rows[i], r1, rows[i + 1], r2, rows[i + 2], r3, rows[i + 3], inputs);
			biasGradient += r0 + r1 + r2 + r3;
		}
		for (; i < n; i++) {
			ScalarKernels.axpy(gradient, residuals[i], rows[i], inputs);
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
		return Math.max(z, 0.0) + Log1p.log1p(Exp.exp(-Math.abs(z))) - y * z;
	}

}
