package dev.lrtune.core.model;

import java.util.Arrays;
import java.util.SplittableRandom;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The float32 product on both paths against a plain triple loop of {@code Math.fma(float, float, float)} written
 * here: the same bits, for shapes that reach every edge: rows not a multiple of the 4-row tile, columns not a
 * multiple of the vector or of a 3-vector panel (4-vector with AVX-512), inner terms across blocks of 256 (128
 * with AVX-512), an input read down its columns, float64 weights rounded as they are packed, offsets into every
 * operand.
 */
class FloatVectorKernelsTests {

	/** Float64 weights whose rounding to float32 is a special case: signed zeros, below the subnormals, ties. */
	private static final double[] SPECIAL_WEIGHTS = { 0.0, -0.0, 1e-320, -1e-46, 0x1.000001p0, -0x1.000003p-3,
			0x1.0000018p0, Float.MIN_VALUE / 2, 0x1.fffffep-127, 0x1.fffffe8p-127 };

	@Test
	void theTestsRunTheVectorPath() {
		assertThat(Kernels.VECTOR).as("jdk.incubator.vector resolved (surefire argLine)").isTrue();
		assertThat(FloatVectorKernels.lanes()).isGreaterThanOrEqualTo(8);
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "4,1,8", "5,7,9", "8,4,16", "3,600,6", "9,13,130", "64,784,128", "16,128,10", "7,35,17",
			"64,10,128", "4,3,24", "13,5,25", "12,2,48", "6,9,49", "11,513,31", "4,256,56", "2,257,7", "17,300,72",
			"8,129,64", "5,200,112", "9,300,200", "4,17,176" })
	void productGivesThePlainLoopsBits(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width);
		int aOffset = 3;
		float[] a = floats(aOffset + n * inner, random);
		float[] b = floats(1 + inner * width, random);
		float[] init = floats(2 + width, random);
		for (boolean withInit : new boolean[] { true, false }) {
			float[] expected = expected(a, aOffset, inner, 1, b, 1, width, withInit ? init : null, 2, n, inner, width);
			assertBothPaths(expected, (vector, c) -> run(vector, a, aOffset, inner, 1, b, null, 1, width,
					withInit ? init : null, 2, c, 2, width + 1, n, inner, width), n, width);
		}
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "7,5,9", "8,4,4", "33,6,3", "784,64,128", "128,64,10", "13,3,21", "300,9,26",
			"66,300,130",
			"9,140,64", "12,7,200" })
	void productOfAnInputReadDownItsColumnsGivesThePlainLoopsBits(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width + 1);
		// a_{i,k} = a[5 + i + k·n]: the weight gradient's input, a batch stored row-major read down its columns
		float[] a = floats(5 + n * inner, random);
		float[] d = floats(inner * width, random);
		float[] expected = expected(a, 5, 1, n, d, 0, width, null, 0, n, inner, width);
		assertBothPaths(expected, (vector, c) -> run(vector, a, 5, 1, n, d, null, 0, width, null, 0, c, 2,
				width + 1, n, inner, width), n, width);
	}

	/**
	 * One shape of float64 vectors in a JVM: the packing's conversions take the float64 kernels' vectors, since
	 * a second shape beside them made C2 box the float64 kernels compiled after a float32 epoch.
	 */
	@Test
	void thePackingConvertsFromTheFloat64KernelsVectors() {
		assertThat(FloatVectorKernels.wideSpecies()).isEqualTo(DoubleVector.SPECIES_PREFERRED);
		assertThat(FloatVectorKernels.wideSpecies().length()).isEqualTo(VectorKernels.lanes());
	}

	/**
	 * One shape of vectors in a JVM, float ones included: the tiles' floats are as wide as the float64 kernels'
	 * doubles (8 floats with AVX2, 16 with AVX-512), so that a conversion of two float64 vectors fills one.
	 */
	@Test
	void theFloatVectorsAreAsWideAsTheFloat64Ones() {
		assertThat(FloatVectorKernels.lanes()).isEqualTo(2 * VectorKernels.lanes());
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "5,7,9", "64,784,128", "16,128,10", "9,300,33", "4,5,8", "5,3,16", "8,2,24", "3,4,40",
			"2,3,7",
			"8,130,64", "5,9,96", "4,3,200" })
	void float64WeightsAreRoundedToFloat32AsTheyArePacked(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width + 2);
		float[] a = floats(n * inner, random);
		double[] wide = new double[4 + inner * width];
		float[] rounded = new float[wide.length];
		for (int i = 0; i < wide.length; i++) {
			wide[i] = random.nextDouble() - 0.5; // most of these need more than float32's 24 bits
			if (i % 11 == 5) {
				// weights whose rounding is special
				wide[i] = SPECIAL_WEIGHTS[(i / 11) % SPECIAL_WEIGHTS.length];
			}
			rounded[i] = (float) wide[i];
		}
		float[] init = floats(width, random);
		float[] expected = expected(a, 0, inner, 1, rounded, 4, width, init, 0, n, inner, width);
		assertBothPaths(expected, (vector, c) -> run(vector, a, 0, inner, 1, null, wide, 4, width, init, 0, c, 2,
				width + 1, n, inner, width), n, width);
	}

	@Test
	void specialValuesKeepTheirBits() {
		float big = Float.MAX_VALUE / 2;
		float[] a = { -0f, big, Float.NaN, -1e-40f, 2, Float.POSITIVE_INFINITY, 3, -0f, 1e-39f, -big, 7, 0.1f };
		float[] b = new float[3 * 20];
		float[] specials = { -0f, big, 1, -3, 0.5f, big, -0f, 2, 4, 1e-40f, Float.NaN, -big };
		for (int i = 0; i < b.length; i++) {
			b[i] = specials[(i * 7) % specials.length];
		}
		float[] init = new float[20];
		for (int j = 0; j < 20; j++) {
			init[j] = j % 3 == 0 ? -0f : j % 3 == 1 ? Float.NEGATIVE_INFINITY : 1;
		}
		// 4 rows of 3 terms (the tiles), 20 columns (two vectors and 4 edge columns with AVX2)
		float[] expected = expected(a, 0, 3, 1, b, 0, 20, init, 0, 4, 3, 20);
		assertBothPaths(expected, (vector, c) -> run(vector, a, 0, 3, 1, b, null, 0, 20, init, 0, c, 2, 21, 4, 3,
				20), 4, 20);
	}

	@Test
	void reluBackwardGivesThePlainBitsOnBothPaths() {
		float[] a = { 1, 0, -0f, -2, Float.NaN, 3, 1e-40f, -1e-40f, 5, 0, 7, -1, 2, 4, -3, 0.5f, 9 };
		float[] delta = { 2, 3, -4, -5, 6, Float.NaN, -7, 8, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f,
				-0.5f, 0.25f, 1, 1, 1, Float.NaN };
		float[] vector = delta.clone();
		float[] plain = delta.clone();

		new FloatKernels(true).reluBackward(vector, a, a.length);
		new FloatKernels(false).reluBackward(plain, a, a.length);

		for (int j = 0; j < a.length; j++) {
			float expected = a[j] > 0 ? delta[j] : delta[j] * 0f;
			assertThat(Float.floatToRawIntBits(vector[j])).as("vector [%d]", j).isEqualTo(Float.floatToRawIntBits(expected));
			assertThat(Float.floatToRawIntBits(plain[j])).as("plain [%d]", j).isEqualTo(Float.floatToRawIntBits(expected));
		}
		assertThat(plain[9]).isNaN(); // -inf · 0
		assertThat(Float.floatToRawIntBits(plain[3])).isEqualTo(Float.floatToRawIntBits(-0f));
	}

	private interface Product {
		void into(boolean vector, float[] c);
	}

	/**
	 * Runs the product on the vector path and the plain one, into c at offset 2
	 * with a row stride of width + 1, and checks both against the expected values; c's other values untouched.
	 */
	private static void assertBothPaths(float[] expected, Product product, int n, int width) {
		for (boolean vector : new boolean[] { true, false }) {
			float[] c = new float[2 + n * (width + 1)];
			Arrays.fill(c, 42f);
			product.into(vector, c);
			for (int i = 0; i < n; i++) {
				for (int j = 0; j < width; j++) {
					float actual = c[2 + i * (width + 1) + j];
					assertThat(Float.floatToRawIntBits(actual)).as("%s path, row %d column %d: %s vs %s",
							vector ? "vector" : "plain", i, j, actual, expected[i * width + j])
						.isEqualTo(Float.floatToRawIntBits(expected[i * width + j]));
				}
				assertThat(c[2 + i * (width + 1) + width]).as("the gap after row %d", i).isEqualTo(42f);
			}
			assertThat(c[0]).isEqualTo(42f);
			assertThat(c[1]).isEqualTo(42f);
		}
	}

	/**
	 * The product on one path, called directly (the dispatch would send the small ones to the plain path); the
	 * working space starts as NaN, so that a result that read space the kernel did not write shows.
	 */
	private static void run(boolean vector, float[] a, int aOffset, int aRowStride, int aInnerStride, float[] b,
			double[] bWide, int bOffset, int bStride, float[] init, int initOffset, float[] c, int cOffset, int cStride,
			int n, int inner, int width) {
		if (vector) {
			float[] scratch = new float[FloatVectorKernels.scratchLength(n, inner)];
			Arrays.fill(scratch, Float.NaN);
			FloatVectorKernels.product(a, aOffset, aRowStride, aInnerStride, b, bWide, bOffset, bStride, init,
					initOffset, c, cOffset, cStride, n, inner, width, scratch);
			return;
		}
		float[][] bRows = new float[inner][width];
		float[][] cRows = new float[n][width];
		for (float[] row : bRows) {
			Arrays.fill(row, Float.NaN);
		}
		FloatScalarKernels.product(a, aOffset, aRowStride, aInnerStride, b, bWide, bOffset, bStride, init, initOffset,
				c, cOffset, cStride, n, inner, width, bRows, cRows);
	}

	/** {@code init_j}, then one float fma per term in inner order: the definition, written out. */
	static float[] expected(float[] a, int aOffset, int aRowStride, int aInnerStride, float[] b, int bOffset,
			int bStride, float[] init, int initOffset, int n, int inner, int width) {
		float[] c = new float[n * width];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < width; j++) {
				float sum = init == null ? 0f : init[initOffset + j];
				for (int k = 0; k < inner; k++) {
					sum = Math.fma(a[aOffset + i * aRowStride + k * aInnerStride], b[bOffset + k * bStride + j], sum);
				}
				c[i * width + j] = sum;
			}
		}
		return c;
	}

	static float[] floats(int length, SplittableRandom random) {
		float[] values = new float[length];
		for (int i = 0; i < length; i++) {
			values[i] = (float) (random.nextDouble() - 0.5);
		}
		return values;
	}

}
