package dev.lrtune.core.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * The 784-128-10 MLP's two large products alone, as its step calls them: the forward ({@code productOfRows},
 * a batch of 64 rows read in place in a 10,000-row table) and the weight gradient ({@code productOfColumns}).
 * CPU time of 100 calls of each, least over {@code args[0]} rounds (default 30) after 20 warm-up ones, printed
 * in GFLOP/s, with a hash of the outputs' bits to check that a variant of the kernels gives the same ones.
 * The batch's rows change every round but stay the same over its 100 calls, so the operands sit in cache: the
 * figure is the kernels' own rate, not the epoch's. Compare variants in JVMs of their own, alternated:
 * variants timed in one JVM change each other's compiled code (C2's type profiles are shared).
 */
public final class ProductRates {

	private static final int CALLS = 100;

	private static final int WARMUP_ROUNDS = 20;

	private ProductRates() {
	}

	public static void main(String[] args) {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
		int tableRows = 10_000;
		int in = 784;
		int out = 128;
		int n = 64;
		Random random = new Random(7);
		double[] x = new double[tableRows * in];
		for (int i = 0; i < x.length; i++) {
			x[i] = random.nextDouble();
		}
		double[] parameters = new double[in * out + out];
		for (int i = 0; i < parameters.length; i++) {
			parameters[i] = random.nextGaussian() * 0.05;
		}
		// about half of δ is zero after a ReLU
		double[] delta = new double[n * out];
		for (int i = 0; i < delta.length; i++) {
			delta[i] = random.nextBoolean() ? 0.0 : random.nextGaussian();
		}
		double[] z = new double[n * out];
		double[] gradient = new double[in * out];
		int[] starts = new int[n];
		ProductBuffers buffers = new ProductBuffers();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double flops = 2.0 * n * in * out * CALLS;
		double bestForward = Double.MAX_VALUE;
		double bestGradient = Double.MAX_VALUE;
		long hash = 0;
		for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
			for (int i = 0; i < n; i++) {
				starts[i] = random.nextInt(tableRows) * in;
			}
			long t0 = threads.getCurrentThreadCpuTime();
			for (int c = 0; c < CALLS; c++) {
				Kernels.productOfRows(x, starts, parameters, 0, out, parameters, in * out, z, 0, out, n, in, out,
						buffers);
			}
			long t1 = threads.getCurrentThreadCpuTime();
			for (int c = 0; c < CALLS; c++) {
				Kernels.productOfColumns(x, starts, delta, 0, out, null, 0, gradient, 0, out, in, n, out, buffers);
			}
			long t2 = threads.getCurrentThreadCpuTime();
			for (double v : z) {
				hash = hash * 31 + Double.doubleToRawLongBits(v);
			}
			for (double v : gradient) {
				hash = hash * 31 + Double.doubleToRawLongBits(v);
			}
			if (round >= WARMUP_ROUNDS) {
				bestForward = Math.min(bestForward, (t1 - t0) / 1e9);
				bestGradient = Math.min(bestGradient, (t2 - t1) / 1e9);
			}
		}
		System.out.printf("PRODUCT-RATES %s forward %.1f GFLOP/s (%.1f us a call), weight gradient %.1f GFLOP/s "
				+ "(%.1f us a call), outputs' hash %016x%n", Kernels.path(), flops / bestForward / 1e9,
				bestForward / CALLS * 1e6, flops / bestGradient / 1e9, bestGradient / CALLS * 1e6, hash);
	}

}
