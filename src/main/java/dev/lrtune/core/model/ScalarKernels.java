package dev.lrtune.core.model;

import java.util.Arrays;

/**
 * The kernels in plain Java, the path taken when the Vector API is not there ({@link Kernels}), and the
 * definition of every result's bits: {@link VectorKernels} computes the same terms in the same order.
 * Written so that HotSpot C2 (JDK 17) turns the inner loops into vector code where it can.
 *
 * <p>Performance notes, measured on JDK 17:
 * <ul>
 * <li>The inner loop is always {@code c[j] += a0 * b0[j] + … + a3 * b3[j]} over {@code j = 0..len}: i-k-j
 * order, unit stride, the SAME index in every array. JDK 17's SuperWord only vectorizes a loop whose arrays
 * it can prove independent per element; an invariant offset ({@code c[co + j] += a * b[bo + j]}) makes
 * the arrays possibly overlapping and the loop stays scalar (~3 instead of ~15 GFLOP/s). So the vector
 * operands (weight rows, output rows) are separate row arrays, and the scalar operands ({@code a0..a3})
 * are read from flat row-major buffers.</li>
 * <li>Four rows of {@code b} per pass load and store each {@code c[j]} once per four multiply-adds instead of
 * once per one, which doubles the throughput again.</li>
 * <li>{@link #multiply} walks the {@code b} rows in blocks of about 16 KB so they stay in L1 while every
 * output row passes over them.</li>
 * </ul>
 * The grouping of terms is fixed by the code (blocks are multiples of 4), never by the hardware, so results
 * are bit-identical everywhere. No fused multiply-add anywhere: every product is rounded before its sum.
 */
final class ScalarKernels {

	/** Doubles of {@code b} rows that one block of {@link #multiply} keeps hot: 16 KB, half of a typical L1d. */
	private static final int BLOCK_DOUBLES = 2048;

	private ScalarKernels() {
	}

	/**
	 * {@code c[i] = init + Σ_k a[aOffset + i·aStride + k] · b[k]} for {@code i < n}: a (n × inner, flat)
	 * times b (inner rows of {@code width}); {@code init} is a bias row or {@code null} for zero.
	 */
	static void multiply(double[] a, int aOffset, int aStride, int inner, double[][] b, double[] init, double[][] c,
			int n, int width) {
		for (int i = 0; i < n; i++) {
			if (init == null) {
				Arrays.fill(c[i], 0, width, 0.0);
			}
			else {
				System.arraycopy(init, 0, c[i], 0, width);
			}
		}
		int block = Math.max(4, (BLOCK_DOUBLES / width) & ~3);
		for (int k0 = 0; k0 < inner; k0 += block) {
			int k1 = Math.min(inner, k0 + block);
			for (int i = 0; i < n; i++) {
				double[] ci = c[i];
				int row = aOffset + i * aStride;
				int k = k0;
				for (; k + 3 < k1; k += 4) {
					axpy4(ci, a[row + k], b[k], a[row + k + 1], b[k + 1], a[row + k + 2], b[k + 2], a[row + k + 3],
							b[k + 3], width);
				}
				for (; k < k1; k++) {
					axpy(ci, a[row + k], b[k], width);
				}
			}
		}
	}

	/**
	 * {@code g[k] = Σ_i a[aOffset + i·aStride + k] · d[i]} for {@code k < inner}: the weight gradient
	 * aᵀ·d of a layer whose input is a (n × inner, flat) and whose output gradient is d (n rows of width).
	 */
	static void transposeMultiply(double[] a, int aOffset, int aStride, int inner, double[][] d, double[][] g, int n,
			int width) {
		for (int k = 0; k < inner; k++) {
			double[] gk = g[k];
			Arrays.fill(gk, 0, width, 0.0);
			int at = aOffset + k;
			int i = 0;
			for (; i + 3 < n; i += 4, at += 4 * aStride) {
				axpy4(gk, a[at], d[i], a[at + aStride], d[i + 1], a[at + 2 * aStride], d[i + 2], a[at + 3 * aStride],
						d[i + 3], width);
			}
			for (; i < n; i++, at += aStride) {
				axpy(gk, a[at], d[i], width);
			}
		}
	}

	/** {@code sum = Σ_i rows[i]} over {@code n} rows of {@code width}: the bias gradient. */
	static void sumRows(double[][] rows, double[] sum, int n, int width) {
		Arrays.fill(sum, 0, width, 0.0);
		int i = 0;
		for (; i + 3 < n; i += 4) {
			double[] r0 = rows[i];
			double[] r1 = rows[i + 1];
			double[] r2 = rows[i + 2];
			double[] r3 = rows[i + 3];
			for (int j = 0; j < width; j++) {
				sum[j] += r0[j] + r1[j] + r2[j] + r3[j];
			}
		}
		for (; i < n; i++) {
			double[] r = rows[i];
			for (int j = 0; j < width; j++) {
				sum[j] += r[j];
			}
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
