package dev.lrtune.core.model;

/**
 * The dense-layer and dot-product kernels the models call, each taken from one of two implementations
 * chosen once per JVM: {@link VectorKernels} (explicit SIMD with the Vector API, {@code jdk.incubator.vector})
 * when that module is in the boot layer and the CPU has vectors of at least 256 bits, otherwise
 * {@link ScalarKernels} (plain Java). Both give the same bits (the scalar code defines the order of every
 * sum and where a fused multiply-add is used; the vector code keeps both), so the choice changes the speed
 * and never a result.
 *
 * <p>The system property {@code lrtune.kernels=scalar} forces the plain path (to compare the two).
 */
final class Kernels {

	/** What {@link #path()} reports, and what the models dispatch on. */
	static final boolean VECTOR = vectorUsable();

	/**
	 * Multiply-adds below which a product takes the scalar kernel even on the vector path (the same bits):
	 * too little work for the SIMD to matter, and until C2 compiles the vector kernels every vector operation
	 * allocates its result, so a tiny model's first thousand steps allocated tens to hundreds of megabytes.
	 */
	static final long VECTOR_MIN_TERMS = 16 * 1024;

	private Kernels() {
	}

	private static boolean vectorUsable() {
		if ("scalar".equals(System.getProperty("lrtune.kernels"))) {
			return false;
		}
		return vectorModuleResolved() && VectorKernels.lanes() >= 4;
	}

	/** The path in use and why, for the log: which kernels and, for the vector path, how wide its vectors are. */
	static String path() {
		if (VECTOR) {
			return "vector (" + VectorKernels.lanes() * 64 + "-bit vectors)";
		}
		if ("scalar".equals(System.getProperty("lrtune.kernels"))) {
			return "scalar (lrtune.kernels=scalar)";
		}
		if (!vectorModuleResolved()) {
			return "scalar (the JVM was started without --add-modules=jdk.incubator.vector; the same results, slower)";
		}
		return "scalar (the CPU has no 256-bit vectors)";
	}

	/** Whether the JVM resolved the Vector API's module (it does only when told to, e.g. by --add-modules). */
	static boolean vectorModuleResolved() {
		return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
	}

	/**
	 * The layer product {@code c = init + a·b}, each output summed with one fused multiply-add per inner term
	 * in inner order (see {@link ScalarKernels#product} for the indices and strides), in the caller's
	 * working space.
	 */
	static void product(double[] a, int aOffset, int aRowStride, int aInnerStride, double[] b, int bOffset,
			int bStride, double[] init, int initOffset, double[] c, int cOffset, int cStride, int n, int inner,
			int width, ProductBuffers buffers) {
		if (VECTOR && (long) n * inner * width >= VECTOR_MIN_TERMS) {
			VectorKernels.product(a, aOffset, aRowStride, aInnerStride, b, bOffset, bStride, init, initOffset, c,
					cOffset, cStride, n, inner, width, buffers.packed(VectorKernels.scratchLength(n, inner)));
		}
		else {
			ScalarKernels.product(a, aOffset, aRowStride, aInnerStride, b, bOffset, bStride, init, initOffset, c,
					cOffset, cStride, n, inner, width, buffers);
		}
	}

	/**
	 * Whether a product of n rows × {@code inner} terms × width columns can read a batch's rows where they lie
	 * ({@link #productOfRows}, {@link #productOfColumns}): the vector path, for a product large enough to take
	 * it. Otherwise the caller gathers the rows and calls {@link #product}.
	 */
	static boolean readsRowsInPlace(int n, int inner, int width) {
		return VECTOR && (long) n * inner * width >= VECTOR_MIN_TERMS;
	}

	/**
	 * {@link #product} of the rows of a that start at {@code rows[0..n)} ({@code a_{i,k} = a[rows[i] + k]}),
	 * read where they lie: the same bits as the rows gathered. Only where {@link #readsRowsInPlace} holds.
	 */
	static void productOfRows(double[] a, int[] rows, double[] b, int bOffset, int bStride, double[] init,
			int initOffset, double[] c, int cOffset, int cStride, int n, int inner, int width, ProductBuffers buffers) {
		requireRowsInPlace(n, inner, width);
		VectorKernels.productOfRows(a, rows, b, bOffset, bStride, init, initOffset, c, cOffset, cStride, n, inner,
				width, buffers.packed(VectorKernels.scratchLength(0, inner)));
	}

	/**
	 * {@link #product} of the transpose of the rows that start at {@code rows[0..inner)} ({@code a_{i,k} =
	 * a[rows[k] + i]}): a batch's weight gradient, its rows read where they lie. Only where
	 * {@link #readsRowsInPlace} holds.
	 */
	static void productOfColumns(double[] a, int[] rows, double[] b, int bOffset, int bStride, double[] init,
			int initOffset, double[] c, int cOffset, int cStride, int n, int inner, int width, ProductBuffers buffers) {
		requireRowsInPlace(n, inner, width);
		VectorKernels.productOfColumns(a, rows, b, bOffset, bStride, init, initOffset, c, cOffset, cStride, n, inner,
				width, buffers.packed(VectorKernels.scratchLength(n, inner)));
	}

	private static void requireRowsInPlace(int n, int inner, int width) {
		if (!readsRowsInPlace(n, inner, width)) {
			throw new IllegalStateException("rows in place need the vector kernels and a large product");
		}
	}

	/** {@code sum[sumOffset + j] = Σ_i rows[i·width + j]} over {@code n} rows: the bias gradient. */
	static void sumRows(double[] rows, int n, int width, double[] sum, int sumOffset) {
		ScalarKernels.sumRows(rows, n, width, sum, sumOffset);
	}

	/**
	 * {@code delta[j] = delta[j] · (a[j] > 0 ? 1 : 0)} for {@code j < length}: δ through a ReLU, given its
	 * output a (the bits of {@link Activation#derivativeAtOutput}'s product, NaN and signed zeros included).
	 */
	static void reluBackward(double[] delta, double[] a, int length) {
		if (VECTOR) {
			VectorKernels.reluBackward(delta, a, length);
		}
		else {
			ScalarKernels.reluBackward(delta, a, length);
		}
	}

	/** {@code Σ_k a[aOffset + k] · b[k]} (four accumulators, see {@link ScalarKernels#dot}). */
	static double dot(double[] a, int aOffset, double[] b, int length) {
		return VECTOR ? VectorKernels.dot(a, aOffset, b, length) : ScalarKernels.dot(a, aOffset, b, length);
	}

}
