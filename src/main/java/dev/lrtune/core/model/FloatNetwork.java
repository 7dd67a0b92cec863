package dev.lrtune.core.model;

import java.util.SplittableRandom;

/**
 * {@link Network} computing in float32, as mixed-precision training does: the parameters stay float64 (the
 * master copy the optimizers update), and each step rounds them to float32 as the products pack them
 * ({@link FloatKernels#product}'s {@code bWide}), gathers the batch's rows into a float32 row-major buffer, and
 * computes the products, the activations and the backward pass in float32. The head's loss runs in float64 on
 * the float32 logits (batch × outputs values), its δ rounded to float32. The gradient is the float32 sums
 * written into the float64 gradient.
 *
 * <p>The same layout, initialisation ({@link LayeredNetwork}) and type as the float64 network. Every product
 * gives the same bits on the vector and the plain path ({@link FloatScalarKernels}), so one seed gives one
 * result everywhere.
 */
final class FloatNetwork extends LayeredNetwork {

	private final FloatKernels kernels;

	/** Per layer, the bias rounded to float32 for the forward pass. */
	private final float[][] biases;

	/** Wᵀ rounded to float32 (fan_out × fan_in) for the input gradient, layers ≥ 1; null for the first. */
	private final float[][] transposedWeights;

	/** One layer's dW in float32, before it is written into the gradient. */
	private final float[] weightGradient;

	/** The batch's rows, float32, row-major. */
	private float[] inputs = new float[0];

	/** Per hidden layer, row-major: act(z). */
	private float[][] activations = new float[0][];

	/** The last layer's z, row-major. */
	private float[] outputs = new float[0];

	/** Per layer, row-major: δ = dLoss/dz. */
	private float[][] deltas = new float[0][];

	/** The logits and their δ in float64, for the head. */
	private double[] wideOutputs = new double[0];

	private double[] wideDeltas = new double[0];

	private double[] gatheredTargets = new double[0];

	/**
	 * @param random draws He or Xavier weights per {@code activation} as the float64 network does; {@code null}
	 *     starts at zero
	 */
	FloatNetwork(String type, int inputs, int[] hidden, int outputs, Activation activation, Head head,
			SplittableRandom random, FloatKernels kernels) {
		super(type, inputs, hidden, outputs, activation, head, random);
		this.kernels = kernels;
		this.biases = new float[layers][];
		this.transposedWeights = new float[layers][];
		int largest = 0;
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			biases[layer] = new float[out];
			transposedWeights[layer] = layer == 0 ? null : new float[out * in];
			largest = Math.max(largest, in * out);
		}
		this.weightGradient = new float[largest];
	}

	@Override
	public void ensureCapacity(int rows) {
		if (rows <= capacity) {
			return;
		}
		activations = new float[layers][];
		deltas = new float[layers][];
		for (int layer = 0; layer < layers; layer++) {
			int width = widths[layer + 1];
			deltas[layer] = new float[rows * width];
			activations[layer] = layer < layers - 1 ? new float[rows * width] : null;
		}
		outputs = new float[rows * widths[layers]];
		wideOutputs = new double[rows * widths[layers]];
		wideDeltas = new double[rows * widths[layers]];
		inputs = new float[rows * widths[0]];
		gatheredTargets = new double[rows];
		capacity = rows;
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int from, int n, double[] gradient) {
		FloatKernels.narrow(x, from * widths[0], inputs, n * widths[0]);
		return lossAndGradient(y, from, n, gradient);
	}

	@Override
	public double lossAndGradient(double[] x, double[] y, int[] rows, int n, double[] gradient) {
		int in = widths[0];
		for (int i = 0; i < n; i++) {
			gatheredTargets[i] = y[rows[i]];
			for (int k = 0, from = rows[i] * in, to = i * in; k < in; k++) {
				inputs[to + k] = (float) x[from + k];
			}
		}
		return lossAndGradient(gatheredTargets, 0, n, gradient);
	}

	/** The batch in {@link #inputs}, its targets {@code y[yFrom..yFrom+n)}. */
	private double lossAndGradient(double[] y, int yFrom, int n, double[] gradient) {
		forward(n);
		int width = widths[layers];
		FloatKernels.widen(outputs, wideOutputs, 0, n * width);
		double loss = head.lossAndDeltas(wideOutputs, y, yFrom, n, width, wideDeltas);
		FloatKernels.narrow(wideDeltas, 0, deltas[layers - 1], n * width);
		transposeWeights();
		for (int layer = layers - 1; layer >= 0; layer--) {
			int in = widths[layer];
			int out = widths[layer + 1];
			// dW = inputᵀ·δ: the input read down its columns
			kernels.product(layer == 0 ? inputs : activations[layer - 1], 0, 1, in, deltas[layer], null, 0, out, null,
					0, weightGradient, 0, out, in, n, out);
			FloatKernels.widen(weightGradient, gradient, weightOffsets[layer], in * out);
			FloatKernels.sumRows(deltas[layer], n, out, gradient, biasOffsets[layer]);
			if (layer > 0) {
				kernels.product(deltas[layer], 0, out, 1, transposedWeights[layer], null, 0, in, null, 0,
						deltas[layer - 1], 0, in, n, out, in);
				backThroughActivation(layer - 1, n);
			}
		}
		return loss / n;
	}

	@Override
	public void accumulate(double[] x, double[] y, int from, int n, MetricSums sums) {
		FloatKernels.narrow(x, from * widths[0], inputs, n * widths[0]);
		forward(n);
		int width = widths[layers];
		FloatKernels.widen(outputs, wideOutputs, 0, n * width);
		for (int i = 0; i < n; i++) {
			double target = y[from + i];
			int row = i * width;
			sums.add(head.exampleLoss(wideOutputs, row, target, width),
					head.isCorrect(wideOutputs, row, target, width));
		}
	}

	/** The n rows in {@link #inputs} through every layer; the weights rounded to float32 as the products pack them. */
	private void forward(int n) {
		float[] input = inputs;
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			float[] z = layer < layers - 1 ? activations[layer] : outputs;
			FloatKernels.narrow(parameters, biasOffsets[layer], biases[layer], out);
			kernels.product(input, 0, in, 1, null, parameters, weightOffsets[layer], out, biases[layer], 0, z, 0, out,
					n, in, out);
			if (layer < layers - 1) {
				activateInPlace(z, n * out);
				input = z;
			}
		}
	}

	/** Wᵀ of the layers after the first, rounded to float32 out of the parameter vector. */
	private void transposeWeights() {
		for (int layer = 1; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			int offset = weightOffsets[layer];
			float[] transposed = transposedWeights[layer];
			for (int k = 0; k < in; k++) {
				for (int j = 0; j < out; j++) {
					transposed[j * in + k] = (float) parameters[offset + k * out + j];
				}
			}
		}
	}

	private void activateInPlace(float[] z, int length) {
		if (activation == Activation.RELU) {
			for (int j = 0; j < length; j++) {
				z[j] = Math.max(z[j], 0f); // keeps NaN, so divergence shows in the loss
			}
		}
		else {
			for (int j = 0; j < length; j++) {
				z[j] = (float) StrictMath.tanh(z[j]);
			}
		}
	}

	/** Turns δ·Wᵀ (in {@code deltas[layer]}) into δ of that hidden layer: ⊙ act'(a), in float32. */
	private void backThroughActivation(int layer, int n) {
		int length = n * widths[layer + 1];
		float[] a = activations[layer];
		float[] delta = deltas[layer];
		if (activation == Activation.RELU) {
			kernels.reluBackward(delta, a, length);
			return;
		}
		for (int j = 0; j < length; j++) {
			delta[j] = delta[j] * (1f - a[j] * a[j]);
		}
	}

}
