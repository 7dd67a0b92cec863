package dev.lrtune.bench;

/** Lower bounds on the time of a pass over an array: what memory bandwidth alone allows. */
final class Floors {

	private Floors() {
	}

	/** Σ values, eight accumulators so the adds pipeline and the loop is bound by loads, not by latency. */
	static double sum(double[] values) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		double s4 = 0;
		double s5 = 0;
		double s6 = 0;
		double s7 = 0;
		int i = 0;
		for (; i + 7 < values.length; i += 8) {
			s0 += values[i];
			s1 += values[i + 1];
			s2 += values[i + 2];
			s3 += values[i + 3];
			s4 += values[i + 4];
			s5 += values[i + 5];
			s6 += values[i + 6];
			s7 += values[i + 7];
		}
		double sum = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
		for (; i < values.length; i++) {
			sum += values[i];
		}
		return sum;
	}

	/**
	 * One load per 64-byte cache line of every row of a {@code cols}-wide table, rows in the given order, with
	 * four independent sums so that as many misses are in flight as the core allows: what merely bringing a
	 * shuffled epoch's rows in from memory costs, before any arithmetic (the floor of a shuffled epoch, where
	 * {@link #sum} is that of a sequential one).
	 */
	static double shuffledTouch(double[] values, int[] order, int cols) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int i = 0;
		for (; i + 1 < order.length; i += 2) {
			int a = order[i] * cols;
			int b = order[i + 1] * cols;
			for (int k = 0; k < cols; k += 8) {
				s0 += values[a + k];
				s1 += values[b + k];
			}
			s2 += values[a + cols - 1];
			s3 += values[b + cols - 1];
		}
		for (; i < order.length; i++) {
			int a = order[i] * cols;
			for (int k = 0; k < cols; k += 8) {
				s0 += values[a + k];
			}
			s2 += values[a + cols - 1];
		}
		return (s0 + s1) + (s2 + s3);
	}

}
