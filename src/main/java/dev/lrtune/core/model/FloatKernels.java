package dev.lrtune.core.model;

/**
 * The float32 network's kernels and their working space, one per network: the layer product from
 * {@link FloatVectorKernels} or {@link FloatScalarKernels} (the same bits, so the choice changes the speed only),
 * by the rule of {@link Kernels}: the vector path where this JVM takes it, for products of at least
 * {@link Kernels#VECTOR_MIN_TERMS} multiply-adds. Plus the element-wise steps of the backward pass.
 */
final class FloatKernels {

	private final boolean vector;

	private float[] scratch = new float[0];

	private float[][] bRows = new float[0][];

	private float[][] cRows = new float[0][];

	/** The kernels this JVM takes ({@link Kernels#VECTOR}). */
	FloatKernels() {
		this(Kernels.VECTOR);
	}

	/**
	 * @param vector whether large products take the Vector API; only where its module is resolved
	 */
	FloatKernels(boolean vector) {
		if (vector && !Kernels.vectorModuleResolved()) {
			throw new IllegalStateException("the vector kernels need the jdk.incubator.vector module");
		}
		this.vector = vector;
	}

	/**
	 * {@code c = init + a·b} in float32, as {@link FloatScalarKernels#product} defines it (indices, strides, the
	 * order of every sum); b is either {@code b} or, when that is null, {@code bWide} rounded to float32.
	 */
	void product(float[] a, int aOffset, int aRowStride, int aInnerStride, float[] b, double[] bWide, int bOffset,
			int bStride, float[] init, int initOffset, float[] c, int cOffset, int cStride, int n, int inner,
			int width) {
		if (vector && (long) n * inner * width >= Kernels.VECTOR_MIN_TERMS) {
			int length = FloatVectorKernels.scratchLength(n, inner);
			if (scratch.length < length) {
				scratch = new float[length];
			}
			FloatVectorKernels.product(a, aOffset, aRowStride, aInnerStride, b, bWide, bOffset, bStride, init,
					initOffset, c, cOffset, cStride, n, inner, width, scratch);
			return;
		}
		bRows = rows(bRows, inner, width);
		cRows = rows(cRows, n, width);
		FloatScalarKernels.product(a, aOffset, aRowStride, aInnerStride, b, bWide, bOffset, bStride, init, initOffset,
				c, cOffset, cStride, n, inner, width, bRows, cRows);
	}

	private static float[][] rows(float[][] rows, int count, int width) {
		if (rows.length >= count && (count == 0 || rows[0].length >= width)) {
			return rows;
		}
		return new float[Math.max(count, rows.length)][Math.max(width, rows.length == 0 ? 0 : rows[0].length)];
	}

	/**
	 * {@code sum[sumOffset + j] = Σ_i rows[i·width + j]} over {@code n} rows, summed in float32 in
	 * {@link ScalarKernels#sumRows}'s order (four rows per pass left to right, then the leftover rows): the bias
	 * gradient, written as float64.
	 */
	static void sumRows(float[] rows, int n, int width, double[] sum, int sumOffset) {
		for (int j = 0; j < width; j++) {
			float s = 0f;
			int i = 0;
			for (; i + 3 < n; i += 4) {
				int r = i * width + j;
				s += rows[r] + rows[r + width] + rows[r + 2 * width] + rows[r + 3 * width];
			}
			for (; i < n; i++) {
				s += rows[i * width + j];
			}
			sum[sumOffset + j] = s;
		}
	}

	/**
	 * {@code delta[j] = delta[j] · (a[j] > 0 ? 1 : 0)}: δ through a ReLU given its output (NaN stays NaN; the
	 * same bits on both paths, as {@link Kernels#reluBackward}).
	 */
	void reluBackward(float[] delta, float[] a, int length) {
		if (vector) {
			FloatVectorKernels.reluBackward(delta, a, length);
			return;
		}
		for (int j = 0; j < length; j++) {
			delta[j] = delta[j] * (a[j] > 0 ? 1f : 0f);
		}
	}

	/** {@code wide[wideOffset + j] = narrow[j]} for {@code j < length}: float32 results into a float64 array. */
	static void widen(float[] narrow, double[] wide, int wideOffset, int length) {
		for (int j = 0; j < length; j++) {
			wide[wideOffset + j] = narrow[j];
		}
	}

	/** {@code narrow[j] = (float) wide[wideOffset + j]} for {@code j < length}: rounded to float32. */
	static void narrow(double[] wide, int wideOffset, float[] narrow, int length) {
		for (int j = 0; j < length; j++) {
			narrow[j] = (float) wide[wideOffset + j];
		}
	}

}
