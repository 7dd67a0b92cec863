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
 * <p>Speed: the product keeps a block of two rows × four outputs in sixteen local variables over the whole
 * inner loop, so each loaded weight serves two rows and nothing is stored until the block is done. C2 does not
 * vectorise it (JDK 17's auto-vectoriser takes neither this shape nor loops over offsets into flat arrays);
 * the vector kernels do, several times faster.
 */
final class ScalarKernels {

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
			int width) {
		int rowEnd = n - n % 2;
		int blockEnd = width - width % 4;
		for (int i = 0; i < rowEnd; i += 2) {
			int a0 = aOffset + i * aRowStride;
			int a1 = a0 + aRowStride;
			int c0 = cOffset + i * cStride;
			int c1 = c0 + cStride;
			for (int j = 0; j < blockEnd; j += 4) {
				double s0 = start(init, initOffset + j);
				double s1 = start(init, initOffset + j + 1);
				double s2 = start(init, initOffset + j + 2);
				double s3 = start(init, initOffset + j + 3);
				double t0 = s0;
				double t1 = s1;
				double t2 = s2;
				double t3 = s3;
				for (int k = 0; k < inner; k++) {
					int bk = bOffset + k * bStride + j;
					double b0 = b[bk];
					double b1 = b[bk + 1];
					double b2 = b[bk + 2];
					double b3 = b[bk + 3];
					double x = a[a0 + k * aInnerStride];
					double y = a[a1 + k * aInnerStride];
					s0 = Math.fma(x, b0, s0);
					s1 = Math.fma(x, b1, s1);
					s2 = Math.fma(x, b2, s2);
					s3 = Math.fma(x, b3, s3);
					t0 = Math.fma(y, b0, t0);
					t1 = Math.fma(y, b1, t1);
					t2 = Math.fma(y, b2, t2);
					t3 = Math.fma(y, b3, t3);
				}
				c[c0 + j] = s0;
				c[c0 + j + 1] = s1;
				c[c0 + j + 2] = s2;
				c[c0 + j + 3] = s3;
				c[c1 + j] = t0;
				c[c1 + j + 1] = t1;
				c[c1 + j + 2] = t2;
				c[c1 + j + 3] = t3;
			}
			for (int j = blockEnd; j < width; j++) {
				c[c0 + j] = column(a, a0, aInnerStride, b, bOffset + j, bStride, start(init, initOffset + j), inner);
				c[c1 + j] = column(a, a1, aInnerStride, b, bOffset + j, bStride, start(init, initOffset + j), inner);
			}
		}
		if (rowEnd < n) {
			int a0 = aOffset + rowEnd * aRowStride;
			int c0 = cOffset + rowEnd * cStride;
			for (int j = 0; j < width; j++) {
				c[c0 + j] = column(a, a0, aInnerStride, b, bOffset + j, bStride, start(init, initOffset + j), inner);
			}
		}
	}

	private static double start(double[] init, int at) {
		return init == null ? 0.0 : init[at];
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
