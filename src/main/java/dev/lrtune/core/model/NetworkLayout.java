package dev.lrtune.core.model;

import java.util.SplittableRandom;

import dev.lrtune.core.data.RandomStreams;

/**
 * The layers of a fully connected network and where each one's parameters lie in the flat parameter vector:
 * layer by layer, the weights W (fan_in × fan_out, row k = the weights leaving input k), then the bias. Shared
 * by the float64 and the float32 network, so that both lay out and draw the same parameters from one seed.
 */
final class NetworkLayout {

	/** Layer widths: {@code widths[0]} inputs, {@code widths[layers]} outputs. */
	final int[] widths;

	final int layers;

	final int[] weightOffsets;

	final int[] biasOffsets;

	final int parameterCount;

	NetworkLayout(int inputs, int[] hidden, int outputs) {
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
		this.parameterCount = offset;
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
	void initialise(double[] parameters, Activation activation, SplittableRandom random) {
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

}
