package dev.lrtune.core.model;

import java.util.SplittableRandom;

/** Seeded uniform values in [-0.5, 0.5) for the kernel tests. */
final class RandomArrays {

	private RandomArrays() {
	}

	static double[] uniform(int length, SplittableRandom random) {
		double[] values = new double[length];
		for (int i = 0; i < length; i++) {
			values[i] = random.nextDouble() - 0.5;
		}
		return values;
	}

	static double[][] rows(int count, int width, SplittableRandom random) {
		double[][] rows = new double[count][];
		for (int i = 0; i < count; i++) {
			rows[i] = uniform(width, random);
		}
		return rows;
	}

}
