package dev.lrtune.core.model;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels with explicit SIMD (the Vector API), bit for bit the results of {@link ScalarKernels}.
 *
 * <p>Why the bits match on every CPU: the products only ever combine lanes of the same output element, so
 * the vector width changes how many outputs are computed at once, never the order in which one output's
 * terms are added. Each output is {@code init}, plus one partial sum per group of four consecutive inner
 * terms, {@code ((p0 + p1) + p2) + p3}, in inner order, plus the leftover terms one by one: exactly the
 * scalar code's order. Multiplications and additions stay separate (no fused multiply-add), as in Java's
 * scalar arithmetic. The one cross-lane sum, the dot product, uses four lanes whatever the CPU offers:
 * lane m is the scalar code's accumulator m.
 *
 * <p>Speed: two output rows at a time take a group of four inner terms over their whole width, so each
 * loaded row vector of {@code b} serves two outputs and each output vector is loaded and stored once per
 * four multiply-adds; the eight scalars of {@code a} are broadcast once per group, outside the loop over
 * the width. (A tile of outputs held in registers over the inner loop broadcasts once per tile instead,
 * and JDK 17 broadcasts a double through a general register: with AVX2's 16 vector registers such tiles
 * measured at a third of this layout's speed.) The inner terms are taken in blocks whose rows of {@code b}
 * fill about 16 KB, so they stay in L1 while every row pair passes over them.
 *
 * <p>Only loaded when {@link Kernels} found the {@code jdk.incubator.vector} module.
 */
final class VectorKernels {

	/** The widest vectors the CPU has (256 bits with AVX2, 512 with AVX-512): the products' lanes. */
	private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	/** Four lanes, the dot product's four accumulators, whatever the CPU offers. */
	private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

	/** Doubles of {@code b} that one block keeps hot: 16 KB, half of a typical L1d. */
	private static final int BLOCK_DOUBLES = 2048;

	private VectorKernels() {
	}

	/** Lanes of the products on this CPU. */
	static int lanes() {
		return L;
	}

	/** As {@link ScalarKernels#multiply}, the same bits. */
	static void multiply(double[] a, int aOffset, int aStride, int inner, double[][] b, double[] init, double[][] c,
			int n, int width) {
		product(a, aOffset, aStride, 1, inner, b, init, c, n, width);
	}

	/** As {@link ScalarKernels#transposeMultiply}: the same product with a read down its columns. */
	static void transposeMultiply(double[] a, int aOffset, int aStride, int inner, double[][] d, double[][] g, int n,
			int width) {
		product(a, aOffset, 1, aStride, n, d, null, g, inner, width);
	}

	/**
	 * {@code c[i][j] = init[j] + Σ_k a[aOffset + i·rowStride + k·innerStride] · b[k][j]} for {@code i < n},
	 * {@code j < width}, {@code k < inner}, summed as the class comment says; {@code init} null is zero.
	 */
	static void product(double[] a, int aOffset, int rowStride, int innerStride, int inner, double[][] b,
			double[] init, double[][] c, int n, int width) {
		for (int i = 0; i < n; i++) {
			if (init == null) {
				Arrays.fill(c[i], 0, width, 0.0);
			}
			else {
				System.arraycopy(init, 0, c[i], 0, width);
			}
		}
		panels(a, aOffset, rowStride, innerStride, inner, b, c, n, width);
	}

	/** Two rows at a time, each group of four inner terms over the whole width, blocked over the inner terms. */
	private static void panels(double[] a, int aOffset, int rowStride, int s, int inner, double[][] b, double[][] c,
			int n, int width) {
		int vectorEnd = width - width % L;
		int block = Math.max(4, (BLOCK_DOUBLES / Math.max(width, 1)) & ~3);
		int rowEnd = n - n % 2;
		for (int k0 = 0; k0 < inner; k0 += block) {
			int k1 = Math.min(inner, k0 + block);
			for (int i = 0; i < rowEnd; i += 2) {
				double[] c0 = c[i];
				double[] c1 = c[i + 1];
				int row0 = aOffset + i * rowStride;
				int row1 = row0 + rowStride;
				int k = k0;
				for (; k + 3 < k1; k += 4) {
					double[] b0 = b[k];
					double[] b1 = b[k + 1];
					double[] b2 = b[k + 2];
					double[] b3 = b[k + 3];
					int at = k * s;
					double x0 = a[row0 + at];
					double x1 = a[row0 + at + s];
					double x2 = a[row0 + at + 2 * s];
					double x3 = a[row0 + at + 3 * s];
					double y0 = a[row1 + at];
					double y1 = a[row1 + at + s];
					double y2 = a[row1 + at + 2 * s];
					double y3 = a[row1 + at + 3 * s];
					DoubleVector vx0 = DoubleVector.broadcast(S, x0);
					DoubleVector vx1 = DoubleVector.broadcast(S, x1);
					DoubleVector vx2 = DoubleVector.broadcast(S, x2);
					DoubleVector vx3 = DoubleVector.broadcast(S, x3);
					DoubleVector vy0 = DoubleVector.broadcast(S, y0);
					DoubleVector vy1 = DoubleVector.broadcast(S, y1);
					DoubleVector vy2 = DoubleVector.broadcast(S, y2);
					DoubleVector vy3 = DoubleVector.broadcast(S, y3);
					int j = 0;
					for (; j < vectorEnd; j += L) {
						DoubleVector w0 = DoubleVector.fromArray(S, b0, j);
						DoubleVector w1 = DoubleVector.fromArray(S, b1, j);
						DoubleVector w2 = DoubleVector.fromArray(S, b2, j);
						DoubleVector w3 = DoubleVector.fromArray(S, b3, j);
						DoubleVector.fromArray(S, c0, j)
							.add(w0.mul(vx0).add(w1.mul(vx1)).add(w2.mul(vx2)).add(w3.mul(vx3)))
							.intoArray(c0, j);
						DoubleVector.fromArray(S, c1, j)
							.add(w0.mul(vy0).add(w1.mul(vy1)).add(w2.mul(vy2)).add(w3.mul(vy3)))
							.intoArray(c1, j);
					}
					for (; j < width; j++) {
						c0[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
						c1[j] += y0 * b0[j] + y1 * b1[j] + y2 * b2[j] + y3 * b3[j];
					}
				}
				for (; k < k1; k++) {
					double[] bk = b[k];
					double x = a[row0 + k * s];
					double y = a[row1 + k * s];
					for (int j = 0; j < width; j++) {
						c0[j] += x * bk[j];
						c1[j] += y * bk[j];
					}
				}
			}
			if (rowEnd < n) {
				lastRow(a, aOffset + rowEnd * rowStride, s, b, c[rowEnd], k0, k1, width);
			}
		}
	}

	/** {@link #panels} for one row (an odd row count's last). */
	private static void lastRow(double[] a, int row, int s, double[][] b, double[] c, int k0, int k1, int width) {
		int vectorEnd = width - width % L;
		int k = k0;
		for (; k + 3 < k1; k += 4) {
			double[] b0 = b[k];
			double[] b1 = b[k + 1];
			double[] b2 = b[k + 2];
			double[] b3 = b[k + 3];
			int at = row + k * s;
			double x0 = a[at];
			double x1 = a[at + s];
			double x2 = a[at + 2 * s];
			double x3 = a[at + 3 * s];
			DoubleVector vx0 = DoubleVector.broadcast(S, x0);
			DoubleVector vx1 = DoubleVector.broadcast(S, x1);
			DoubleVector vx2 = DoubleVector.broadcast(S, x2);
			DoubleVector vx3 = DoubleVector.broadcast(S, x3);
			int j = 0;
			for (; j < vectorEnd; j += L) {
				DoubleVector.fromArray(S, c, j)
					.add(DoubleVector.fromArray(S, b0, j).mul(vx0)
						.add(DoubleVector.fromArray(S, b1, j).mul(vx1))
						.add(DoubleVector.fromArray(S, b2, j).mul(vx2))
						.add(DoubleVector.fromArray(S, b3, j).mul(vx3)))
					.intoArray(c, j);
			}
			for (; j < width; j++) {
				c[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
			}
		}
		for (; k < k1; k++) {
			double[] bk = b[k];
			double x = a[row + k * s];
			for (int j = 0; j < width; j++) {
				c[j] += x * bk[j];
			}
		}
	}

	/**
	 * Four rows' {@link ScalarKernels#dot dot products} with {@code w}, each row read in place from {@code x}
	 * at its offset: {@code out[at + r] = x[o_r..o_r+length) · w}. Each row's four accumulators are the four
	 * lanes of one 256-bit vector (accumulator m takes the terms k ≡ m mod 4, as in the scalar code), combined
	 * as {@code (s0 + s1) + (s2 + s3)} and then the leftover terms one by one: the scalar bits. Four rows at a
	 * time keep four independent chains of additions and four streams of loads in flight.
	 */
	static void dot4(double[] x, int o0, int o1, int o2, int o3, double[] w, int length, double[] out, int at) {
		DoubleVector s0 = DoubleVector.zero(FOUR);
		DoubleVector s1 = s0;
		DoubleVector s2 = s0;
		DoubleVector s3 = s0;
		int k = 0;
		for (; k + 3 < length; k += 4) {
			DoubleVector v = DoubleVector.fromArray(FOUR, w, k);
			s0 = s0.add(DoubleVector.fromArray(FOUR, x, o0 + k).mul(v));
			s1 = s1.add(DoubleVector.fromArray(FOUR, x, o1 + k).mul(v));
			s2 = s2.add(DoubleVector.fromArray(FOUR, x, o2 + k).mul(v));
			s3 = s3.add(DoubleVector.fromArray(FOUR, x, o3 + k).mul(v));
		}
		out[at] = finish(s0, x, o0, w, k, length);
		out[at + 1] = finish(s1, x, o1, w, k, length);
		out[at + 2] = finish(s2, x, o2, w, k, length);
		out[at + 3] = finish(s3, x, o3, w, k, length);
	}

	/** One row's {@link #dot4}. */
	static double dot(double[] x, int offset, double[] w, int length) {
		DoubleVector sum = DoubleVector.zero(FOUR);
		int k = 0;
		for (; k + 3 < length; k += 4) {
			sum = sum.add(DoubleVector.fromArray(FOUR, x, offset + k).mul(DoubleVector.fromArray(FOUR, w, k)));
		}
		return finish(sum, x, offset, w, k, length);
	}

	private static double finish(DoubleVector lanes, double[] x, int offset, double[] w, int k, int length) {
		double sum = (lanes.lane(0) + lanes.lane(1)) + (lanes.lane(2) + lanes.lane(3));
		for (; k < length; k++) {
			sum += x[offset + k] * w[k];
		}
		return sum;
	}

	/**
	 * {@code g[j] += r0·x[o0 + j] + r1·x[o1 + j] + r2·x[o2 + j] + r3·x[o3 + j]}, summed left to right, for
	 * {@code j < length}: {@link ScalarKernels#axpy4} with the rows read in place.
	 */
	static void axpy4(double[] g, double r0, int o0, double r1, int o1, double r2, int o2, double r3, int o3,
			double[] x, int length) {
		DoubleVector v0 = DoubleVector.broadcast(S, r0);
		DoubleVector v1 = DoubleVector.broadcast(S, r1);
		DoubleVector v2 = DoubleVector.broadcast(S, r2);
		DoubleVector v3 = DoubleVector.broadcast(S, r3);
		int vectorEnd = length - length % L;
		int j = 0;
		for (; j < vectorEnd; j += L) {
			DoubleVector.fromArray(S, g, j)
				.add(DoubleVector.fromArray(S, x, o0 + j).mul(v0)
					.add(DoubleVector.fromArray(S, x, o1 + j).mul(v1))
					.add(DoubleVector.fromArray(S, x, o2 + j).mul(v2))
					.add(DoubleVector.fromArray(S, x, o3 + j).mul(v3)))
				.intoArray(g, j);
		}
		for (; j < length; j++) {
			g[j] += r0 * x[o0 + j] + r1 * x[o1 + j] + r2 * x[o2 + j] + r3 * x[o3 + j];
		}
	}

	/** {@code g[j] += r·x[o + j]} for {@code j < length}. */
	static void axpy(double[] g, double r, int o, double[] x, int length) {
		DoubleVector v = DoubleVector.broadcast(S, r);
		int vectorEnd = length - length % L;
		int j = 0;
		for (; j < vectorEnd; j += L) {
			DoubleVector.fromArray(S, g, j).add(DoubleVector.fromArray(S, x, o + j).mul(v)).intoArray(g, j);
		}
		for (; j < length; j++) {
			g[j] += r * x[o + j];
		}
	}

}
