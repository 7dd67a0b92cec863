package dev.lrtune.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Lower bounds on the time of a pass over an array: what memory bandwidth alone allows. */
final class Floors {

	/** The widest vectors this JVM uses: 256 bits under {@code -XX:UseAVX=2}, 512 with AVX-512. */
	private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

	private Floors() {
	}

	/**
	 * Σ values, in vectors: eight vector accumulators, so that each cache line costs two loads and two adds
	 * and the adds never wait on each other. The floor of a sequential pass: as few instructions per byte as
	 * Java allows, so that the out-of-order window holds as many lines in flight as the core can fetch.
	 * {@link #scalarSum} (the previous floor) issues eight loads and eight adds per line; on the shared Xeon
	 * it took 1.4–1.9× this pass's time over the same 80 MB (and 2.5× on a table that stays in L2), so it
	 * measured the instruction stream as much as the memory.
	 */
	static double sum(double[] values) {
		int l = S.length();
		DoubleVector s0 = DoubleVector.zero(S);
		DoubleVector s1 = s0;
		DoubleVector s2 = s0;
		DoubleVector s3 = s0;
		DoubleVector s4 = s0;
		DoubleVector s5 = s0;
		DoubleVector s6 = s0;
		DoubleVector s7 = s0;
		int i = 0;
		for (; i + 8 * l <= values.length; i += 8 * l) {
			s0 = s0.add(DoubleVector.fromArray(S, values, i));
			s1 = s1.add(DoubleVector.fromArray(S, values, i + l));
			s2 = s2.add(DoubleVector.fromArray(S, values, i + 2 * l));
			s3 = s3.add(DoubleVector.fromArray(S, values, i + 3 * l));
			s4 = s4.add(DoubleVector.fromArray(S, values, i + 4 * l));
			s5 = s5.add(DoubleVector.fromArray(S, values, i + 5 * l));
			s6 = s6.add(DoubleVector.fromArray(S, values, i + 6 * l));
			s7 = s7.add(DoubleVector.fromArray(S, values, i + 7 * l));
		}
		double sum = s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7))).reduceLanes(VectorOperators.ADD);
		for (; i < values.length; i++) {
			sum += values[i];
		}
		return sum;
	}

	/** Σ values with eight scalar accumulators: the floor before {@link #sum}, timed beside it for comparison. */
	static double scalarSum(double[] values) {
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
