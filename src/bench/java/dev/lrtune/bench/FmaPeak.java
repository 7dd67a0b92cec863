package dev.lrtune.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The core's measured peak of fused multiply-adds, in the widest vectors this JVM uses (256 bits under
 * {@code -XX:UseAVX=2}, 512 with AVX-512): twelve independent chains of {@code fma} on registers, no memory,
 * so the loop is bound by the FMA units alone (latency × units ≤ 12 on current x86 cores). Counted as two
 * FLOPs per lane per fma, in the thread's CPU time, best of several runs: the ceiling any float64 (or
 * float32) product on this core can reach, against which bench/summarize.py sets the MLP's figures.
 *
 * <p>Run in a JVM of its own (bench/run.sh does): after the models' kernels have run, C2 may find the Vector
 * API's methods already compiled on their own, too large to inline here, and then every fma allocates its
 * result (measured with 256-bit vectors: 0.8–0.9 GFLOP/s instead of 26–36).
 */
final class FmaPeak {

	private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

	private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

	private static final long STEPS = 20_000_000;

	private FmaPeak() {
	}

	/** Measured float64 and float32 peaks of one core, GFLOP/s: {@code {float64, float32}}. */
	static double[] gflops(int runs) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long doubles = Long.MAX_VALUE;
		long floats = Long.MAX_VALUE;
		double sink = 0;
		for (int run = 0; run < runs + 2; run++) {
			long start = threads.getCurrentThreadCpuTime();
			sink += doubleChains(STEPS / 10);
			long middle = threads.getCurrentThreadCpuTime();
			sink += floatChains(STEPS / 10);
			long end = threads.getCurrentThreadCpuTime();
			if (run >= 2) {
				doubles = Math.min(doubles, middle - start);
				floats = Math.min(floats, end - middle);
			}
		}
		if (sink == 42.0) {
			System.out.println(sink); // keeps the chains live
		}
		double flopsDouble = 2.0 * 12 * DOUBLES.length() * (STEPS / 10);
		double flopsFloat = 2.0 * 12 * FLOATS.length() * (STEPS / 10);
		return new double[] { flopsDouble / doubles, flopsFloat / floats };
	}

	/** Bits of the preferred vectors, for the printout. */
	static int vectorBits() {
		return DOUBLES.vectorBitSize();
	}

	private static double doubleChains(long steps) {
		DoubleVector m = DoubleVector.broadcast(DOUBLES, 0.999999);
		DoubleVector a = DoubleVector.broadcast(DOUBLES, 1e-7);
		DoubleVector c0 = DoubleVector.broadcast(DOUBLES, 1.0);
		DoubleVector c1 = c0.add(1);
		DoubleVector c2 = c0.add(2);
		DoubleVector c3 = c0.add(3);
		DoubleVector c4 = c0.add(4);
		DoubleVector c5 = c0.add(5);
		DoubleVector c6 = c0.add(6);
		DoubleVector c7 = c0.add(7);
		DoubleVector c8 = c0.add(8);
		DoubleVector c9 = c0.add(9);
		DoubleVector c10 = c0.add(10);
		DoubleVector c11 = c0.add(11);
		for (long i = 0; i < steps; i++) {
			c0 = c0.fma(m, a);
			c1 = c1.fma(m, a);
			c2 = c2.fma(m, a);
			c3 = c3.fma(m, a);
			c4 = c4.fma(m, a);
			c5 = c5.fma(m, a);
			c6 = c6.fma(m, a);
			c7 = c7.fma(m, a);
			c8 = c8.fma(m, a);
			c9 = c9.fma(m, a);
			c10 = c10.fma(m, a);
			c11 = c11.fma(m, a);
		}
		return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
			.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
	}

	private static double floatChains(long steps) {
		FloatVector m = FloatVector.broadcast(FLOATS, 0.99999f);
		FloatVector a = FloatVector.broadcast(FLOATS, 1e-5f);
		FloatVector c0 = FloatVector.broadcast(FLOATS, 1.0f);
		FloatVector c1 = c0.add(1);
		FloatVector c2 = c0.add(2);
		FloatVector c3 = c0.add(3);
		FloatVector c4 = c0.add(4);
		FloatVector c5 = c0.add(5);
		FloatVector c6 = c0.add(6);
		FloatVector c7 = c0.add(7);
		FloatVector c8 = c0.add(8);
		FloatVector c9 = c0.add(9);
		FloatVector c10 = c0.add(10);
		FloatVector c11 = c0.add(11);
		for (long i = 0; i < steps; i++) {
			c0 = c0.fma(m, a);
			c1 = c1.fma(m, a);
			c2 = c2.fma(m, a);
			c3 = c3.fma(m, a);
			c4 = c4.fma(m, a);
			c5 = c5.fma(m, a);
			c6 = c6.fma(m, a);
			c7 = c7.fma(m, a);
			c8 = c8.fma(m, a);
			c9 = c9.fma(m, a);
			c10 = c10.fma(m, a);
			c11 = c11.fma(m, a);
		}
		return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
			.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
	}

	/** Prints {@code PEAK-GFLOPS} lines for bench/summarize.py. */
	public static void main(String[] args) {
		double[] peak = gflops(args.length > 0 ? Integer.parseInt(args[0]) : 5);
		System.out.printf("PEAK-GFLOPS float64 %.2f%nPEAK-GFLOPS float32 %.2f%n(%d-bit vectors)%n", peak[0], peak[1],
				vectorBits());
	}

}
