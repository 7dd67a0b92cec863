package dev.lrtune.core.model;

import java.util.SplittableRandom;

/**
 * A fully connected network: {@code mlp} (hidden layers with an activation) and {@code softmax} (no hidden
 * layer). The head follows the task: one linear output with mean squared error for regression, one logit
 * per class with softmax cross-entropy ({@code CrossEntropyLoss}) for classification.
 *
 * <p>Parameter layout, layer by layer: the weights W (fan_in × fan_out, row k = the weights leaving input
 * k), then the bias. The forward pass is {@code Z = A·W + b} per layer; backpropagation computes
 * {@code dW = Aᵀ·δ}, {@code db = Σ δ} and {@code δ_prev = (δ·Wᵀ) ⊙ act'(A)}, skipping the input gradient of
 * the first layer.
 *
 * <p>Memory layout: every matrix is one flat row-major array, and the products ({@link Kernels#product}) read
 * W and the bias straight from the parameter vector and write dW and db straight into the gradient. Only Wᵀ
 * of the layers after the first is copied out, once per step, for the input gradient (O(parameters) against
 * the O(batch × parameters) of the products). A hidden layer's product is written into its activation buffer
 * and the activation applied in place. A batch given by row indices is read where its rows lie in the
 * dataset when the first layer's products take the vector kernels ({@link Kernels#readsRowsInPlace});
 * otherwise its rows are gathered first.
 */
final class Network extends LayeredNetwork {

	/** Wᵀ (fan_out × fan_in, flat) for the input gradient, layers ≥ 1; null for the first. */
	private final double[][] transposedWeights;

	/** The last layer's z = a·W + b (the logits), flat row-major. */
	private double[] outputs = new double[0];

	/** Per hidden layer, flat row-major: act(z), the input of the next layer. */
	private double[][] activations = new double[0][];

	/** Per layer, flat row-major: δ = dLoss/dz. */
	private double[][] deltas = new double[0][];

	/** The products' working space. */
	private final ProductBuffers buffers = new ProductBuffers();

	/**
	 * A batch given by row indices, gathered flat row-major, where the products cannot read the rows in place
	 * ({@link Kernels#readsRowsInPlace}): the plain kernels read their scalar operand from one flat array.
	 */
	private double[] gatheredInputs = new double[0];

	/** Where each row of a batch given by row indices starts in the dataset, for the products that read it in place. */
	private int[] rowStarts = new int[0];

	private double[] gatheredTargets = new double[0];

	/**
	 * @param random draws He or Xavier weights per {@code activation}; {@code null} starts at zero
	 */
	Network(String type, int inputs, int[] hidden, int outputs, Activation activation, Head head,
			SplittableRandom random) {
		super(type, inputs, hidden, outputs, activation, head, random);
		this.transposedWeights = new double[layers][];
		for (int layer = 1; layer < layers; layer++) {
			transposedWeights[layer] = new double[widths[layer + 1] * widths[layer]];
		}
	}

	@Override
	public void ensureCapacity(int rows) {
		if (rows <= capacity) {
			return;
		}
		activations = new double[layers][];
		deltas = new double[layers][];
		for (int layer = 0; layer < layers; layer++) {
			int width = widths[layer + 1];
			deltas[layer] = new double[rows * width];
			activations[layer] = layer < layers - 1 ? new double[rows * width] : null;
		}
		outputs = new double[rows * widths[layers]];
		gatheredInputs = new double[rows * widths[0]];
		rowStarts = new int[rows];
		gatheredTargets = new double[rows];
		capacity = rows;
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int from, int n, double[] gradient) {
		return lossAndGradient(x, null, from, y, from, n, gradient);
	}

	/**
	 * The batch's rows of x are the n rows from {@code from}, or, with {@code starts}, the rows that start at
	 * {@code starts[0..n)}, read where they lie; its targets are {@code y[yFrom..yFrom+n)}.
	 */
	private double lossAndGradient(double[] x, int[] starts, int from, double[] y, int yFrom, int n,
			double[] gradient) {
		forward(x, starts, from, n);
		double loss = head.lossAndDeltas(outputs, y, yFrom, n, widths[layers], deltas[layers - 1]);
		transposeWeights();
		for (int layer = layers - 1; layer >= 0; layer--) {
			int in = widths[layer];
			int out = widths[layer + 1];
			// dW = inputᵀ·δ: the input read down its columns
			if (layer == 0 && starts != null) {
				Kernels.productOfColumns(x, starts, deltas[0], 0, out, null, 0, gradient, weightOffsets[0], out, in, n,
						out, buffers);
			}
			else {
				double[] input = layer == 0 ? x : activations[layer - 1];
				int inputOffset = layer == 0 ? from * in : 0;
				Kernels.product(input, inputOffset, 1, in, deltas[layer], 0, out, null, 0, gradient,
						weightOffsets[layer], out, in, n, out, buffers);
			}
			Kernels.sumRows(deltas[layer], n, out, gradient, biasOffsets[layer]);
			if (layer > 0) {
				Kernels.product(deltas[layer], 0, out, 1, transposedWeights[layer], 0, in, null, 0, deltas[layer - 1],
						0, in, n, out, in, buffers);
				backThroughActivation(layer - 1, n);
			}
		}
		return loss / n;
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int[] rows, int n, double[] gradient) {
		int in = widths[0];
		for (int i = 0; i < n; i++) {
			gatheredTargets[i] = y[rows[i]];
		}
		if (Kernels.readsRowsInPlace(n, in, widths[1])) {
			// the first layer's products read the rows in the dataset: no copy of the batch (400 KB per step for
			// 784 inputs at batch 64; without it the 784-128-10 epoch took 5 % less)
			for (int i = 0; i < n; i++) {
				rowStarts[i] = rows[i] * in;
			}
			return lossAndGradient(x, rowStarts, 0, gatheredTargets, 0, n, gradient);
		}
		for (int i = 0; i < n; i++) {
			System.arraycopy(x, rows[i] * in, gatheredInputs, i * in, in);
		}
		return lossAndGradient(gatheredInputs, null, 0, gatheredTargets, 0, n, gradient);
	}

	@Override
	public void accumulate(double[] x, double[] y, int from, int n, MetricSums sums) {
		forward(x, null, from, n);
		int width = widths[layers];
		for (int i = 0; i < n; i++) {
			double target = y[from + i];
			int row = i * width;
			sums.add(head.exampleLoss(outputs, row, target, width), head.isCorrect(outputs, row, target, width));
		}
	}

	/** The rows of x as in {@link #lossAndGradient(double[], int[], int, double[], int, int, double[])}. */
	private void forward(double[] x, int[] starts, int from, int n) {
		double[] input = x;
		int inputOffset = from * widths[0];
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			double[] z = layer < layers - 1 ? activations[layer] : outputs;
			if (layer == 0 && starts != null) {
				Kernels.productOfRows(x, starts, parameters, weightOffsets[0], out, parameters, biasOffsets[0], z, 0,
						out, n, in, out, buffers);
			}
			else {
				Kernels.product(input, inputOffset, in, 1, parameters, weightOffsets[layer], out, parameters,
						biasOffsets[layer], z, 0, out, n, in, out, buffers);
			}
			if (layer < layers - 1) {
				activateInPlace(z, n * out);
				input = z;
				inputOffset = 0;
			}
		}
	}

	/** Wᵀ of the layers after the first, out of the parameter vector. */
	private void transposeWeights() {
		for (int layer = 1; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			int offset = weightOffsets[layer];
			double[] transposed = transposedWeights[layer];
			for (int k = 0; k < in; k++) {
				for (int j = 0; j < out; j++) {
					transposed[j * in + k] = parameters[offset + k * out + j];
				}
			}
		}
	}

	private void activateInPlace(double[] z, int length) {
		if (activation == Activation.RELU) {
			for (int j = 0; j < length; j++) {
				z[j] = Math.max(z[j], 0.0); // keeps NaN, so divergence shows in the loss
			}
		}
		else {
			for (int j = 0; j < length; j++) {
				z[j] = StrictMath.tanh(z[j]);
			}
		}
	}

	/** Turns δ·Wᵀ (in {@code deltas[layer]}) into δ of that hidden layer: ⊙ act'(a). */
	private void backThroughActivation(int layer, int n) {
		int length = n * widths[layer + 1];
		double[] a = activations[layer];
		double[] delta = deltas[layer];
		if (activation == Activation.RELU) {
			Kernels.reluBackward(delta, a, length);
			return;
		}
		for (int j = 0; j < length; j++) {
			delta[j] = delta[j] * activation.derivativeAtOutput(a[j]);
		}
	}

}
