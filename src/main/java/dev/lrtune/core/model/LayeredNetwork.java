package dev.lrtune.core.model;

import java.util.SplittableRandom;

import dev.lrtune.core.data.RandomStreams;

/**
 * What the float64 and the float32 network share: the layers, where each one's parameters lie in the flat
 * float64 parameter vector (layer by layer, the weights W, fan_in × fan_out, row k = the weights leaving input
 * k, then the bias), their seeded initialisation, so that both draw the same parameters from one seed, and the
 * {@link Model} accessors.
 */
abstract class LayeredNetwork implements Model {

	private final String type;

	/** Layer widths: {@code widths[0]} inputs, {@code widths[layers]} outputs. */
	final int[] widths;

	final int layers;

	final int[] weightOffsets;

	final int[] biasOffsets;

	final Activation activation;

	final Head head;

	final double[] parameters;

	/** Rows a batch may have; set by the subclass's {@link #ensureCapacity}. */
	int capacity;

	/**
	 * @param random draws He or Xavier weights per {@code activation}; {@code null} starts at zero
	 */
	LayeredNetwork(String type, int inputs, int[] hidden, int outputs, Activation activation, Head head,
			SplittableRandom random) {
		this.type = type;
		this.activation = activation;
		this.head = head;
		this.layers = hidden.length + 1;
		this.widths = new int[layers + 1];
		this.widths[0] = inputs;
		System.arraycopy(hidden, 0, this.widths, 1, hidden.length);
		this.widths[layers] = outputs;
		this.weightOffsets = new int[layers];
		this.biasOffsets = new int[layers];
		int offset = 0;
		for (int layer = 0; layer < layers; layer++) {
			int in = widths[layer];
			int out = widths[layer + 1];
			weightOffsets[layer] = offset;
			biasOffsets[layer] = offset + in * out;
			offset += in * out + out;
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

	/** Draws the weights, He normal for relu and Xavier uniform for tanh, layer by layer; the biases stay 0. */
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
	public final String type() {
		return type;
	}

	@Override
	public final int inputs() {
		return widths[0];
	}

	@Override
	public final int parameterCount() {
		return parameters.length;
	}

	@Override
	public final double[] parameters() {
		return parameters;
	}

	@Override
	public final boolean isClassifier() {
		return head == Head.CROSS_ENTROPY;
	}

	@Override
	public final int capacity() {
		return capacity;
	}

}
