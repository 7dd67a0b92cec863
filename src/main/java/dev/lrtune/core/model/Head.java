package dev.lrtune.core.model;

/**
 * The output layer's loss: its value per example and its gradient δ = dLoss/dz for a minibatch whose loss is
 * the mean over the batch.
 */
enum Head {

	/** One linear output, (ŷ − y)², as PyTorch's {@code MSELoss}; δ = 2(ŷ − y)/n. */
	SQUARED_ERROR {
		@Override
		double lossAndDeltas(double[] outputs, double[] y, int from, int n, int width, double[] deltas) {
			double loss = 0;
			for (int i = 0; i < n; i++) {
				double error = outputs[i] - y[from + i];
				loss += error * error;
				deltas[i] = 2 * error / n;
			}
			return loss;
		}

		@Override
		double exampleLoss(double[] outputs, int offset, double target, int width) {
			double error = outputs[offset] - target;
			return error * error;
		}

		@Override
		boolean isCorrect(double[] outputs, int offset, double target, int width) {
			return false;
		}
	},

	/**
	 * One logit per class, logsumexp(z) − z_y, as PyTorch's {@code CrossEntropyLoss}; δ = (softmax(z) −
	 * onehot(y))/n. Exponentials are shifted by the largest logit, so none overflows.
	 */
	CROSS_ENTROPY {
		@Override
		double lossAndDeltas(double[] outputs, double[] y, int from, int n, int width, double[] deltas) {
			double loss = 0;
			for (int i = 0; i < n; i++) {
				int row = i * width;
				int label = (int) y[from + i];
				double max = max(outputs, row, width);
				double sum = 0;
				for (int j = 0; j < width; j++) {
					double e = Exp.exp(outputs[row + j] - max);
					deltas[row + j] = e;
					sum += e;
				}
				loss += max + StrictMath.log(sum) - outputs[row + label]; // the same expression as exampleLoss
				for (int j = 0; j < width; j++) {
					deltas[row + j] = (deltas[row + j] / sum - (j == label ? 1.0 : 0.0)) / n;
				}
			}
			return loss;
		}

		@Override
		double exampleLoss(double[] logits, int offset, double target, int width) {
			double max = max(logits, offset, width);
			double sum = 0;
			for (int j = 0; j < width; j++) {
				sum += Exp.exp(logits[offset + j] - max);
			}
			return max + StrictMath.log(sum) - logits[offset + (int) target];
		}

		/** The first largest logit is the prediction. */
		@Override
		boolean isCorrect(double[] logits, int offset, double target, int width) {
			int best = 0;
			for (int j = 1; j < width; j++) {
				if (logits[offset + j] > logits[offset + best]) {
					best = j;
				}
			}
			return best == (int) target;
		}
	};

	/**
	 * The summed loss of rows {@code [from, from+n)} of the targets, given the outputs of rows {@code [0, n)}
	 * (row-major, {@code width} each); writes δ row-major into {@code deltas}.
	 */
	abstract double lossAndDeltas(double[] outputs, double[] y, int from, int n, int width, double[] deltas);

	/** The loss of the output row at {@code offset}. */
	abstract double exampleLoss(double[] outputs, int offset, double target, int width);

	/** Whether the output row at {@code offset} predicts the target. */
	abstract boolean isCorrect(double[] outputs, int offset, double target, int width);

	/** The largest value; NaN if any is NaN, so a diverged model shows a NaN loss. */
	private static double max(double[] values, int offset, int width) {
		double max = values[offset];
		for (int j = 1; j < width; j++) {
			max = Math.max(max, values[offset + j]);
		}
		return max;
	}

}
