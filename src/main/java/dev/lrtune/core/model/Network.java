package dev.lrtune.core.model;

import java.util.SplittableRandom;

import dev.lrtune.core.data.RandomStreams;

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
 * <p>Memory layout (see {@link Kernels}): the products want their vector operands as separate row arrays,
 * so each step first copies W (and, for layers after the first, Wᵀ) out of the flat parameter vector and
 * afterwards copies the gradient rows back into the flat gradient. The copies cost O(parameters) against
 * the O(batch × parameters) of the products.
 */
final class Network implements Model {

	private final String type;

	/** Layer widths: {@code widths[0]} inputs, {@code widths[layers]} outputs. */
	private final int[] widths;

	private final int layers;

	private final Activation activation;

	private final Head head;

	private final double[] parameters;

	private final int[] weightOffsets;

	private final int[] biasOffsets;

	private final double[][][] weightRows;

	/** Wᵀ rows for the input gradient, layers ≥ 1. */
	private final double[][][] weightColumns;

	private final double[][] biases;

	private final double[][][] weightGradients;

	private final double[][] biasGradients;

	private int capacity;

	/** Per layer, per row: z = a·W + b (the logits for the last layer). */
	private double[][][] outputs = new double[0][][];

	/** Per hidden layer, flat row-major: act(z), the scalar operand of the next layer. */
	private double[][] activations = new double[0][];

	/** Per layer, per row: δ = dLoss/dz. */
	private double[][][] deltas = new double[0][][];

	/** δ flat row-major, layers ≥ 1 (the scalar operand of the input gradient). */
	private double[][] flatDeltas = new double[0][];

	/**
	 * A batch given by row indices, gathered flat row-major: the layer kernels read their scalar operand from
	 * one flat array, and the forward pass reads each row many times, so one copy per row pays.
	 */
	private double[] gatheredInputs = new double[0];

	private double[] gatheredTargets = new double[0];

	/**
	 * @param random draws He or Xavier weights per {@code activation}; {@code null} starts at zero
	 */
	Network(String type, int inputs, int[] hidden, int outputs, Activation activation, Head head,
			SplittableRandom random) {
		this.type = type;
		this.layers = hidden.length + 1;
		this.widths = new int[layers + 1];
		this.widths[0] = inputs;
		System.arraycopy(hidden, 0, this.widths, 1, hidden.length);
		this.widths[layers] = outputs;
		this.activation = activation;
		this.head = head;
		this.weightOffsets = new int[layers];
		this.biasOffsets = new int[layers];
		this.weightRows = new double[layers][][];
		this.weightColumns = new double[layers][][];
		this.biases = new double[layers][];
		this.weightGradients = new double[layers][][];
		this.biasGradients = new double[layers][];
		int offset = 0;
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			weightOffsets[layer] = offset;
			biasOffsets[layer] = offset + in * out;
			offset += in * out + out;
			weightRows[layer] = new double[in][out];
			weightColumns[layer] = layer == 0 ? null : new double[out][in];
			biases[layer] = new double[out];
			weightGradients[layer] = new double[in][out];
			biasGradients[layer] = new double[out];
		}
		this.parameters = new double[offset];
		if (random != null) {
			initialise(random);
		}
	}

	/** Parameter count of a network with these widths, for limits checked before building it. */
	static long parameterCount(int inputs, int[] hidden, int outputs) {
		long count = 0;
		int in = inputs;
		for (int width : hidden) {
			count += (long) in * width + width;
			in = width;
		}
		return count + (long) in * outputs + outputs;
	}

	private void initialise(SplittableRandom random) {
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			int offset = weightOffsets[layer];
			if (activation == Activation.RELU) {
				double std = Math.sqrt(2.0 / in);
				for (int i = 0; i < in * out; i++) {
					parameters[offset + i] = std * RandomStreams.gaussian(random);
				}
			}
			else {
				double bound = Math.sqrt(6.0 / (in + out));
				for (int i = 0; i < in * out; i++) {
					parameters[offset + i] = bound * (2 * random.nextDouble() - 1);
				}
			}
		}
	}

	@Override
	public String type() {
		return type;
	}

	@Override
	public int inputs() {
		return widths[0];
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
		return head == Head.CROSS_ENTROPY;
	}

	@Override
	public int capacity() {
		return capacity;
	}

	@Override
	public void ensureCapacity(int rows) {
		if (rows <= capacity) {
			return;
		}
		outputs = new double[layers][][];
		activations = new double[layers][];
		deltas = new double[layers][][];
		flatDeltas = new double[layers][];
		for (int layer = 0; layer < layers; layer++) {
			int width = widths[layer + 1];
			outputs[layer] = new double[rows][width];
			deltas[layer] = new double[rows][width];
			activations[layer] = layer < layers - 1 ? new double[rows * width] : null;
			flatDeltas[layer] = layer > 0 ? new double[rows * width] : null;
		}
		gatheredInputs = new double[rows * widths[0]];
		gatheredTargets = new double[rows];
		capacity = rows;
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int from, int n, double[] gradient) {
		forward(x, from, n);
		int last = layers - 1;
		double loss = head.lossAndDeltas(outputs[last], y, from, n, widths[layers], deltas[last], flatDeltas[last]);
		for (int layer = layers - 1; layer >= 0; layer--) {
			int in = widths[layer];
			int out = widths[layer + 1];
			double[] input = layer == 0 ? x : activations[layer - 1];
			int inputOffset = layer == 0 ? from * in : 0;
			Kernels.transposeMultiply(input, inputOffset, in, in, deltas[layer], weightGradients[layer], n, out);
			Kernels.sumRows(deltas[layer], biasGradients[layer], n, out);
			if (layer > 0) {
				Kernels.multiply(flatDeltas[layer], 0, out, out, weightColumns[layer], null, deltas[layer - 1], n, in);
				backThroughActivation(layer - 1, n);
			}
		}
		for (int layer = 0; layer < layers; layer++) {
			int out = widths[layer + 1];
			for (int k = 0; k < widths[layer]; k++) {
				System.arraycopy(weightGradients[layer][k], 0, gradient, weightOffsets[layer] + k * out, out);
			}
			System.arraycopy(biasGradients[layer], 0, gradient, biasOffsets[layer], out);
		}
		return loss / n;
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int[] rows, int n, double[] gradient) {
		int in = widths[0];
		for (int i = 0; i < n; i++) {
			System.arraycopy(x, rows[i] * in, gatheredInputs, i * in, in);
			gatheredTargets[i] = y[rows[i]];
		}
		return lossAndGradient(gatheredInputs, gatheredTargets, 0, n, gradient);
	}

	@Override
	public void accumulate(double[] x, double[] y, int from, int n, MetricSums sums) {
		forward(x, from, n);
		double[][] rows = outputs[layers - 1];
		int width = widths[layers];
		for (int i = 0; i < n; i++) {
			double target = y[from + i];
			sums.add(head.exampleLoss(rows[i], target, width), head.isCorrect(rows[i], target, width));
		}
	}

	private void forward(double[] x, int from, int n) {
		copyWeightsIntoRows();
		double[] input = x;
		int inputOffset = from * widths[0];
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			Kernels.multiply(input, inputOffset, in, in, weightRows[layer], biases[layer], outputs[layer], n, out);
			if (layer < layers - 1) {
				activate(outputs[layer], activations[layer], n, out);
				input = activations[layer];
				inputOffset = 0;
			}
		}
	}

	private void copyWeightsIntoRows() {
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			int offset = weightOffsets[layer];
			double[][] rows = weightRows[layer];
			for (int k = 0; k < in; k++) {
				System.arraycopy(parameters, offset + k * out, rows[k], 0, out);
			}
			System.arraycopy(parameters, biasOffsets[layer], biases[layer], 0, out);
			double[][] columns = weightColumns[layer];
			if (columns != null) {
				for (int k = 0; k < in; k++) {
					for (int j = 0; j < out; j++) {
						columns[j][k] = parameters[offset + k * out + j];
					}
				}
			}
		}
	}

	private void activate(double[][] z, double[] a, int n, int width) {
		for (int i = 0; i < n; i++) {
			double[] row = z[i];
			int offset = i * width;
			if (activation == Activation.RELU) {
				for (int j = 0; j < width; j++) {
					a[offset + j] = Math.max(row[j], 0.0); // keeps NaN, so divergence shows in the loss
				}
			}
			else {
				for (int j = 0; j < width; j++) {
					a[offset + j] = StrictMath.tanh(row[j]);
				}
			}
		}
	}

	/** Turns δ·Wᵀ (in {@code deltas[layer]}) into δ of that hidden layer: ⊙ act'(a). */
	private void backThroughActivation(int layer, int n) {
		int width = widths[layer + 1];
		double[] a = activations[layer];
		double[] flat = flatDeltas[layer];
		for (int i = 0; i < n; i++) {
			double[] row = deltas[layer][i];
			int offset = i * width;
			for (int j = 0; j < width; j++) {
				double delta = row[j] * activation.derivativeAtOutput(a[offset + j]);
				row[j] = delta;
				if (flat != null) {
					flat[offset + j] = delta;
				}
			}
		}
	}

}
