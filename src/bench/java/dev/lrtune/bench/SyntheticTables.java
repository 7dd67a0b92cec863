package dev.lrtune.bench;

import java.util.SplittableRandom;

import dev.lrtune.core.data.RandomStreams;

/**
 * Seeded dense tables for the benchmarks, generated here rather than with the core's synthetic generators
 * so that their shape (100 standard-normal features, a known logistic model) is fixed by the benchmark.
 */
final class SyntheticTables {

	private SyntheticTables() {
	}

	/** Row-major features and 0/1 targets. */
	record Table(double[] features, double[] targets, int rows, int cols) {
	}

	/**
	 * x ~ N(0, 1)^cols and y ~ Bernoulli(σ(w·x)) with w ~ N(0, 1)^cols scaled to ‖w‖ = 3: a problem a
	 * logistic model can learn to about 0.2 log-loss, and not separable, so the loss has a floor.
	 */
	static Table logistic(int rows, int cols, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] w = gaussians(random, cols);
		double norm = 0;
		for (double v : w) {
			norm += v * v;
		}
		double scale = 3 / Math.sqrt(norm);
		double[] x = gaussians(random, rows * cols);
		double[] y = new double[rows];
		for (int row = 0; row < rows; row++) {
			double z = 0;
			for (int col = 0; col < cols; col++) {
				z += scale * w[col] * x[row * cols + col];
			}
			y[row] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
		}
		return new Table(x, y, rows, cols);
	}

	/** x ~ N(0, 1)^cols and y = argmax(x·V) over {@code classes} random directions V. */
	static Table classes(int rows, int cols, int classes, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] v = gaussians(random, cols * classes);
		double[] x = gaussians(random, rows * cols);
		double[] y = new double[rows];
		for (int row = 0; row < rows; row++) {
			int best = 0;
			double bestScore = Double.NEGATIVE_INFINITY;
			for (int c = 0; c < classes; c++) {
				double score = 0;
				for (int col = 0; col < cols; col++) {
					score += x[row * cols + col] * v[c * cols + col];
				}
				if (score > bestScore) {
					bestScore = score;
					best = c;
				}
			}
			y[row] = best;
		}
		return new Table(x, y, rows, cols);
	}

	private static double[] gaussians(SplittableRandom random, int count) {
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			values[i] = RandomStreams.gaussian(random);
		}
		return values;
	}

}
