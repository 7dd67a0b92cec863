package dev.lrtune.core.model;

import java.util.Arrays;

/**
 * The kernels in plain Java, the path taken when the Vector API is not there ({@link Kernels}), and the
 * definition of every result's bits: {@link VectorKernels} computes the same terms in the same order.
 *
 * <p>The layer product ({@link #product}) adds one output's terms one at a time in inner order, each with a
 * fused multiply-add ({@link Math#fma}: the product and the sum rounded once, as IEEE 754 defines it, so the
 * same bits on every CPU and JVM), starting from the bias or zero. The dot products of the linear models keep
 * four accumulators and no fused multiply-add (see {@link #dot}).
 *
 * <p>Speed: JDK 17's auto-vectoriser (SuperWord) only takes a loop whose arrays it can prove independent per
 * element, which rules out invariant offsets into flat arrays (measured: 3.6 against 12 GFLOP/s). So the
 * product copies its second operand into row arrays and sums into output row arrays ({@link ProductBuffers}),
 * and its inner loop is {@code c[j] = fma(a3, b3[j], … fma(a0, b0[j], c[j]))}: four terms per load and store
 * of {@code c[j]}, the same index in every array. The inner terms are taken in blocks whose rows of b fill
 * about 16 KB, so they stay in L1 while every output row passes over them (the order of each output's terms
 * is unchanged).
 */
final class ScalarKernels {

	/** Doubles of b's rows that one block of {@link #product} keeps hot: 16 KB, half of a typical L1d. */
	private static final int BLOCK_DOUBLES = 2048;

	private ScalarKernels() {
	}

	/**
	 * {@code c[cOffset + i·cStride + j] = fma(a_{i,inner−1}, b_{inner−1,j}, … fma(a_{i,0}, b_{0,j}, init_j))}
	 * for {@code i < n}, {@code j < width}, where {@code a_{i,k} = a[aOffset + i·aRowStride + k·aInnerStride]},
	 * {@code b_{k,j} = b[bOffset + k·bStride + j]} and {@code init_j} is {@code init[initOffset + j]}, or 0
	 * when {@code init} is null. Strides let one kernel read a matrix or its transpose in place.
	 */
	static void product(double[] a, int aOffset, int aRowStride, int aInnerStride, double[] b, int bOffset,
			int bStride, double[] init, int initOffset, double[] c, int cOffset, int cStride, int n, int inner,
			int width, ProductBuffers buffers) {
		double[][] bRows = buffers.bRows(inner, width);
		double[][] cRows = buffers.cRows(n, width);
		for (int k = 0; k < inner; k++) {
			System.arraycopy(b, bOffset + k * bStride, bRows[k], 0, width);
		}
		for (int i = 0; i < n; i++) {
			if (init == null) {
				Arrays.fill(cRows[i], 0, width, 0.0);
			}
			else {
				System.arraycopy(init, initOffset, cRows[i], 0, width);
			}
		}
		int block = Math.max(4, (BLOCK_DOUBLES / Math.max(width, 1)) & ~3);
		for (int k0 = 0; k0 < inner; k0 += block) {
			int k1 = Math.min(inner, k0 + block);
			for (int i = 0; i < n; i++) {
				double[] ci = cRows[i];
				int row = aOffset + i * aRowStride;
				int k = k0;
				for (; k + 3 < k1; k += 4) {
					int at = row + k * aInnerStride;
					fma4(ci, a[at], bRows[k], a[at + aInnerStride], bRows[k + 1], a[at + 2 * aInnerStride],
							bRows[k + 2], a[at + 3 * aInnerStride], bRows[k + 3], width);
				}
				for (; k < k1; k++) {
					fma1(ci, a[row + k * aInnerStride], bRows[k], width);
				}
			}
		}
		for (int i = 0; i < n; i++) {
			System.arraycopy(cRows[i], 0, c, cOffset + i * cStride, width);
		}
	}

	/** {@code c[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j], c[j]))))} for {@code j < length}. */
	private static void fma4(double[] c, double a0, double[] b0, double a1, double[] b1, double a2, double[] b2,
			double a3, double[] b3, int length) {
		for (int j = 0; j < length; j++) {
			c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
		}
	}

	/** {@code c[j] = fma(a, b[j], c[j])} for {@code j < length}. */
	private static void fma1(double[] c, double a, double[] b, int length) {
		for (int j = 0; j < length; j++) {
			c[j] = Math.fma(a, b[j], c[j]);
		}
	}

	/** One output of {@link #product}: {@code sum} plus the terms of one row of a and one column of b. */
	static double column(double[] a, int aAt, int aInnerStride, double[] b, int bAt, int bStride, double sum,
			int inner) {
		for (int k = 0; k < inner; k++) {
			sum = Math.fma(a[aAt + k * aInnerStride], b[bAt + k * bStride], sum);
		}
		return sum;
	}

	/**
	 * {@code sum[sumOffset + j] = Σ_i rows[i·width + j]} over {@code n} rows (row-major) of {@code width}: the
	 * bias gradient, four rows per pass summed left to right, then the leftover rows.
	 */
	static void sumRows(double[] rows, int n, int width, double[] sum, int sumOffset) {
		Arrays.fill(sum, sumOffset, sumOffset + width, 0.0);
		int i = 0;
		for (; i + 3 < n; i += 4) {
			int r0 = i * width;
			int r1 = r0 + width;
			int r2 = r1 + width;
			int r3 = r2 + width;
			for (int j = 0; j < width; j++) {
				sum[sumOffset + j] += rows[r0 + j] + rows[r1 + j] + rows[r2 + j] + rows[r3 + j];
			}
		}
		for (; i < n; i++) {
			int r = i * width;
			for (int j = 0; j < width; j++) {
				sum[sumOffset + j] += rows[r + j];
			}
		}
	}

	/** {@code delta[j] = delta[j] · (a[j] > 0 ? 1 : 0)}: see {@link Kernels#reluBackward}. */
	static void reluBackward(double[] delta, double[] a, int length) {
		for (int j = 0; j < length; j++) {
			delta[j] = delta[j] * (a[j] > 0 ? 1.0 : 0.0);
		}
	}

	/**
	 * {@code Σ_k a[aOffset + k] · b[k]} with four independent accumulators, so the additions pipeline instead
	 * of waiting on each other; combined as {@code (s0 + s1) + (s2 + s3)} and then the tail, always.
	 */
	static double dot(double[] a, int aOffset, double[] b, int length) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int k = 0;
		for (; k + 3 < length; k += 4) {
			s0 += a[aOffset + k] * b[k];
			s1 += a[aOffset + k + 1] * b[k + 1];
			s2 += a[aOffset + k + 2] * b[k + 2];
			s3 += a[aOffset + k + 3] * b[k + 3];
		}
		double sum = (s0 + s1) + (s2 + s3);
		for (; k < length; k++) {
			sum += a[aOffset + k] * b[k];
		}
		return sum;
	}

	/**
	 * Two rows' {@link #dot dot products} with the same vector at once: {@code out[at] = a·w},
	 * {@code out[at + 1] = b·w}. Each row keeps its own four accumulators, grouped exactly as in {@link #dot},
	 * so the bits are the same; the eight independent chains keep twice as many additions in flight, which
	 * halves the time of a dot product that is bound by the latency of its additions (C2 does not vectorise
	 * these reductions on JDK 17).
	 */
	static void dot2(double[] a, double[] b, double[] w, int length, double[] out, int at) {
		double a0 = 0;
		double a1 = 0;
		double a2 = 0;
		double a3 = 0;
		double b0 = 0;
		double b1 = 0;
		double b2 = 0;
		double b3 = 0;
		int k = 0;
		for (; k + 3 < length; k += 4) {
			double w0 = w[k];
			double w1 = w[k + 1];
			double w2 = w[k + 2];
			double w3 = w[k + 3];
			a0 += a[k] * w0;
			a1 += a[k + 1] * w1;
			a2 += a[k + 2] * w2;
			a3 += a[k + 3] * w3;
			b0 += b[k] * w0;
			b1 += b[k + 1] * w1;
			b2 += b[k + 2] * w2;
			b3 += b[k + 3] * w3;
		}
		double sumA = (a0 + a1) + (a2 + a3);
		double sumB = (b0 + b1) + (b2 + b3);
		for (; k < length; k++) {
			sumA += a[k] * w[k];
			sumB += b[k] * w[k];
		}
		out[at] = sumA;
		out[at + 1] = sumB;
	}

	/** {@code c[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}, summed left to right, for {@code j < length}. */
	static void axpy4(double[] c, double a0, double[] b0, double a1, double[] b1, double a2, double[] b2, double a3,
			double[] b3, int length) {
		for (int j = 0; j < length; j++) {
			c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
		}
	}

	/** {@code c[j] += a·b[j]} for {@code j < length}. */
	static void axpy(double[] c, double a, double[] b, int length) {
		for (int j = 0; j < length; j++) {
			c[j] += a * b[j];
		}
	}

}
