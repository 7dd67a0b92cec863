package dev.lrtune.core.model;

import java.util.Arrays;

/**
 * The float32 layer product in plain Java, the path taken without the Vector API ({@link FloatKernels}), and
 * the definition of its bits, which {@link FloatVectorKernels} reproduces: each output is its init (or zero),
 * then one {@link Math#fma(float, float, float)} per inner term in inner order, rounded once per term as IEEE
 * 754 defines it. The loop structure is {@link ScalarKernels#product}'s (b and c copied into row arrays so that
 * C2 vectorises the loop over an output row; inner terms in blocks whose rows of b stay in L1), in floats.
 */
final class FloatScalarKernels {

	/** Floats of b's rows that one block keeps hot: 16 KB, half of a typical L1d. */
	private static final int BLOCK_FLOATS = 4096;

	private FloatScalarKernels() {
	}

	/**
	 * {@code c[cOffset + i·cStride + j] = fma(a_{i,inner−1}, b_{inner−1,j}, … fma(a_{i,0}, b_{0,j}, init_j))} in
	 * float32 for {@code i < n}, {@code j < width}, where {@code a_{i,k} = a[aOffset + i·aRowStride +
	 * k·aInnerStride]}, {@code b_{k,j} = b[bOffset + k·bStride + j]}, or {@code (float) bWide[…]} when b is null
	 * (float64 weights, rounded as they are read), and {@code init_j = init[initOffset + j]}, or 0 when
	 * {@code init} is null. {@code bRows} and {@code cRows} are working space of at least inner × width and
	 * n × width.
	 */
	static void product(float[] a, int aOffset, int aRowStride, int aInnerStride, float[] b, double[] bWide,
			int bOffset, int bStride, float[] init, int initOffset, float[] c, int cOffset, int cStride, int n,
			int inner, int width, float[][] bRows, float[][] cRows) {
		for (int k = 0; k < inner; k++) {
			int from = bOffset + k * bStride;
			if (b != null) {
				System.arraycopy(b, from, bRows[k], 0, width);
			}
			else {
				float[] row = bRows[k];
				for (int j = 0; j < width; j++) {
					row[j] = (float) bWide[from + j];
				}
			}
		}
		for (int i = 0; i < n; i++) {
			if (init == null) {
				Arrays.fill(cRows[i], 0, width, 0f);
			}
			else {
				System.arraycopy(init, initOffset, cRows[i], 0, width);
			}
		}
		int block = Math.max(4, (BLOCK_FLOATS / Math.max(width, 1)) & ~3);
		for (int k0 = 0; k0 < inner; k0 += block) {
			int k1 = Math.min(inner, k0 + block);
			for (int i = 0; i < n; i++) {
				float[] ci = cRows[i];
				int row = aOffset + i * aRowStride;
				int k = k0;
				for (; k + 3 < k1; k += 4) {
					int at = row + k * aInnerStride;
					fma4(ci, a[at], bRows[k], a[at + aInnerStride], bRows[k + 1], a[at + 2 * aInnerStride], bRows[k + 2],
							a[at + 3 * aInnerStride], bRows[k + 3], width);
				}
				for (; k < k1; k++) {
					float x = a[row + k * aInnerStride];
					float[] bk = bRows[k];
					for (int j = 0; j < width; j++) {
						ci[j] = Math.fma(x, bk[j], ci[j]);
					}
				}
			}
		}
		for (int i = 0; i < n; i++) {
			System.arraycopy(cRows[i], 0, c, cOffset + i * cStride, width);
		}
	}

	/** {@code c[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j], c[j]))))} for {@code j < length}. */
	private static void fma4(float[] c, float a0, float[] b0, float a1, float[] b1, float a2, float[] b2, float a3,
			float[] b3, int length) {
		for (int j = 0; j < length; j++) {
			c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
		}
	}

}
