package dev.lrtune.core.model;

/**
 * The dense-layer and dot-product kernels the models call, each taken from one of two implementations
 * chosen once per JVM: {@link VectorKernels} (explicit SIMD with the Vector API, {@code jdk.incubator.vector})
 * when that module is in the boot layer and the CPU has vectors of at least 256 bits, otherwise
 * {@link ScalarKernels} (plain Java, vectorised only where C2's auto-vectoriser manages). Both give the same
 * bits (the scalar code defines the order of every sum; the vector code keeps it), so the choice changes
 * the speed and never a result.
 *
 * <p>The system property {@code lrtune.kernels=scalar} forces the plain path (to compare the two).
 */
final class Kernels {

	/** What {@link #path()} reports, and what the models dispatch on. */
	static final boolean VECTOR = vectorUsable();

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
	 * {@code c[i] = init + Σ_k a[aOffset + i·aStride + k] · b[k]} for {@code i < n}: a (n × inner, flat)
	 * times b (inner rows of {@code width}); {@code init} is a bias row or {@code null} for zero.
	 */
	static void multiply(double[] a, int aOffset, int aStride, int inner, double[][] b, double[] init, double[][] c,
			int n, int width) {
		if (VECTOR) {
			VectorKernels.multiply(a, aOffset, aStride, inner, b, init, c, n, width);
		}
		else {
			ScalarKernels.multiply(a, aOffset, aStride, inner, b, init, c, n, width);
		}
	}

	/**
	 * {@code g[k] = Σ_i a[aOffset + i·aStride + k] · d[i]} for {@code k < inner}: the weight gradient
	 * aᵀ·d of a layer whose input is a (n × inner, flat) and whose output gradient is d (n rows of width).
	 */
	static void transposeMultiply(double[] a, int aOffset, int aStride, int inner, double[][] d, double[][] g, int n,
			int width) {
		if (VECTOR) {
			VectorKernels.transposeMultiply(a, aOffset, aStride, inner, d, g, n, width);
		}
		else {
			ScalarKernels.transposeMultiply(a, aOffset, aStride, inner, d, g, n, width);
		}
	}

	/** {@code sum = Σ_i rows[i]} over {@code n} rows of {@code width}: the bias gradient. */
	static void sumRows(double[][] rows, double[] sum, int n, int width) {
		ScalarKernels.sumRows(rows, sum, n, width);
	}

	/** {@code Σ_k a[aOffset + k] · b[k]} (four accumulators, see {@link ScalarKernels#dot}). */
	static double dot(double[] a, int aOffset, double[] b, int length) {
		return VECTOR ? VectorKernels.dot(a, aOffset, b, length) : ScalarKernels.dot(a, aOffset, b, length);
	}

}
