package dev.lrtune.core.model;

/**
 * The output layer's loss: its value per example and its gradient δ = dLoss/dz for a minibatch whose loss is
 * the mean over the batch.
 */
enum Head {

	/** One linear output, (ŷ − y)², as PyTorch's {@code MSELoss}; δ = 2(ŷ − y)/n. */
	SQUARED_ERROR {
		@Override
		double lossAndDeltas(double[][] outputs, double[] y, int from, int n, int width, double[][] deltas,
				double[] flatDeltas) {
			double loss = 0;
			for (int i = 0; i < n; i++) {
				double error = outputs[i][0] - y[from + i];
				loss += error * error;
				double delta = 2 * error / n;
				deltas[i][0] = delta;
				if (flatDeltas != null) {
					flatDeltas[i] = delta;
				}
			}
			return loss;
		}

		@Override
		double exampleLoss(double[] output, double target, int width) {
			double error = output[0] - target;
			return error * error;
		}

		@Override
		boolean isCorrect(double[] output, double target, int width) {
			return false;
		}
	},

	/**
	 * One logit per class, logsumexp(z) − z_y, as PyTorch's {@code CrossEntropyLoss}; δ = (softmax(z) −
	 * onehot(y))/n. Exponentials are shifted by the largest logit, so none overflows.
	 */
	CROSS_ENTROPY {
		@Override
		double lossAndDeltas(double[][] outputs, double[] y, int from, int n, int width, double[][] deltas,
				double[] flatDeltas) {
			double loss = 0;
			for (int i = 0; i < n; i++) {
				double[] logits = outputs[i];
				double[] delta = deltas[i];
				int label = (int) y[from + i];
				double max = max(logits, width);
				double sum = 0;
				for (int j = 0; j < width; j++) {
					double e = StrictMath.exp(logits[j] - max);
					delta[j] = e;
					sum += e;
				}
				loss += max + StrictMath.log(sum) - logits[label]; // the same expression as exampleLoss
				for (int j = 0; j < width; j++) {
					double d = (delta[j] / sum - (j == label ? 1.0 : 0.0)) / n;
					delta[j] = d;
					if (flatDeltas != null) {
						flatDeltas[i * width + j] = d;
					}
				}
			}
			return loss;
		}

		@Override
		double exampleLoss(double[] logits, double target, int width) {
			double max = max(logits, width);
			double sum = 0;
			for (int j = 0; j < width; j++) {
				sum += StrictMath.exp(logits[j] - max);
			}
			return max + StrictMath.log(sum) - logits[(int) target];
		}

		/** The first largest logit is the prediction. */
		@Override
		boolean isCorrect(double[] logits, double target, int width) {
			int best = 0;
			for (int j = 1; j < width; j++) {
				if (logits[j] > logits[best]) {
					best = j;
				}
			}
			return best == (int) target;
		}
	};

	/**
	 * The summed loss of rows {@code [from, from+n)} of the targets, given the outputs of rows {@code [0, n)};
	 * writes δ into {@code deltas} and, when not null, row-major into {@code flatDeltas}.
	 */
	abstract double lossAndDeltas(double[][] outputs, double[] y, int from, int n, int width, double[][] deltas,
			double[] flatDeltas);

	abstract double exampleLoss(double[] output, double target, int width);

	abstract boolean isCorrect(double[] output, double target, int width);

	/** The largest value; NaN if any is NaN, so a diverged model shows a NaN loss. */
	private static double max(double[] values, int width) {
		double max = values[0];
		for (int j = 1; j < width; j++) {
			max = Math.max(max, values[j]);
		}
		return max;
	}

}
