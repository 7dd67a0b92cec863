package dev.lrtune.core.model;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.lrtune.core.model.RandomArrays.uniform;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vector kernels give the plain-Java kernels' bits, for shapes that reach every edge of the tiles: row
 * counts that are not multiples of four, widths that are not multiples of the lanes or of three vectors, an
 * input read down its columns, and offsets into every operand. The build runs the tests with the Vector API module, so
 * the first test also pins that the models really take the vector path there.
 */
class VectorKernelsTests {

	@Test
	void theTestsRunTheVectorPath() {
		assertThat(Kernels.VECTOR).as("jdk.incubator.vector resolved (surefire argLine)").isTrue();
		assertThat(Kernels.path()).startsWith("vector");
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "2,4,4", "5,7,9", "8,4,4", "3,600,6", "9,13,130", "64,784,128", "16,128,10", "7,35,17",
			"64,10,128", "4,3,12", "13,5,25", "12,2,24", "6,9,49" })
	void productGivesTheScalarBits(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width);
		int offset = 3;
		double[] a = uniform(offset + n * inner, random);
		double[] b = uniform(1 + inner * width, random);
		double[] init = uniform(width, random);
		double[] scalar = new double[2 + n * width];
		double[] vector = uniform(2 + n * width, random); // overwritten past the offset
		double[] scratch = uniform(VectorKernels.scratchLength(n, inner), random);
		ProductBuffers buffers = new ProductBuffers();
		System.arraycopy(vector, 0, scalar, 0, 2);

		ScalarKernels.product(a, offset, inner, 1, b, 1, width, init, 0, scalar, 2, width, n, inner, width, buffers);
		VectorKernels.product(a, offset, inner, 1, b, 1, width, init, 0, vector, 2, width, n, inner, width, scratch);
		assertSameBits(vector, scalar);

		ScalarKernels.product(a, offset, inner, 1, b, 1, width, null, 0, scalar, 2, width, n, inner, width, buffers);
		VectorKernels.product(a, offset, inner, 1, b, 1, width, null, 0, vector, 2, width, n, inner, width, scratch);
		assertSameBits(vector, scalar);
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "7,5,9", "8,4,4", "33,6,3", "64,784,128", "16,128,10", "13,3,21", "64,128,10", "300,9,26" })
	void productOfATransposeGivesTheScalarBits(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width);
		double[] a = uniform(n * inner + 5, random);
		double[] d = uniform(n * width, random);
		double[] scalar = uniform(inner * width, random);
		double[] vector = uniform(inner * width, random);

		ScalarKernels.product(a, 5, 1, inner, d, 0, width, null, 0, scalar, 0, width, inner, n, width,
				new ProductBuffers());
		VectorKernels.product(a, 5, 1, inner, d, 0, width, null, 0, vector, 0, width, inner, n, width,
				new double[VectorKernels.scratchLength(inner, n)]);

		assertSameBits(vector, scalar);
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "5,7,9", "7,35,17", "9,13,130", "64,784,128", "16,128,10", "13,300,26", "66,100,130" })
	void productOfRowsWhereTheyLieGivesTheScalarBitsOfTheRowsGathered(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width + 1);
		int tableRows = n + 3;
		double[] table = uniform(2 + tableRows * inner, random);
		int[] starts = new int[n]; // rows in any order, repeats allowed, as a shuffled batch's
		double[] gathered = new double[n * inner];
		for (int i = 0; i < n; i++) {
			starts[i] = 2 + random.nextInt(tableRows) * inner;
			System.arraycopy(table, starts[i], gathered, i * inner, inner);
		}
		double[] b = uniform(1 + inner * width, random);
		double[] init = uniform(width, random);
		double[] scalar = new double[2 + n * width];
		double[] vector = uniform(2 + n * width, random);
		System.arraycopy(vector, 0, scalar, 0, 2);

		ScalarKernels.product(gathered, 0, inner, 1, b, 1, width, init, 0, scalar, 2, width, n, inner, width,
				new ProductBuffers());
		VectorKernels.productOfRows(table, starts, b, 1, width, init, 0, vector, 2, width, n, inner, width,
				uniform(VectorKernels.scratchLength(0, inner), random));

		assertSameBits(vector, scalar);
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "7,5,9", "33,6,3", "784,64,128", "128,64,10", "13,3,21", "300,9,26", "66,64,130",
			"783,300,24" })
	void productOfTheColumnsOfRowsWhereTheyLieGivesTheScalarBitsOfTheRowsGathered(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width + 2);
		int tableRows = inner + 3;
		double[] table = uniform(2 + tableRows * n, random);
		int[] starts = new int[inner]; // the batch's rows: the inner terms of a weight gradient
		double[] gathered = new double[inner * n];
		for (int k = 0; k < inner; k++) {
			starts[k] = 2 + random.nextInt(tableRows) * n;
			System.arraycopy(table, starts[k], gathered, k * n, n);
		}
		double[] d = uniform(inner * width, random);
		double[] scalar = uniform(n * width, random);
		double[] vector = uniform(n * width, random);

		ScalarKernels.product(gathered, 0, 1, n, d, 0, width, null, 0, scalar, 0, width, n, inner, width,
				new ProductBuffers());
		VectorKernels.productOfColumns(table, starts, d, 0, width, null, 0, vector, 0, width, n, inner, width,
				uniform(VectorKernels.scratchLength(n, inner), random));

		assertSameBits(vector, scalar);
	}

	@ParameterizedTest(name = "length={0}")
	@CsvSource({ "1", "3", "4", "7", "100", "101" })
	void dotProductsGiveTheScalarBits(int length) {
		SplittableRandom random = new SplittableRandom(length);
		double[] x = uniform(4 * length + 9, random);
		double[] w = uniform(length, random);
		int[] offsets = { 9, 2 * length + 9, 1, 3 * length + 9 };
		double[] dots = new double[5];

		VectorKernels.dot4(x, offsets[0], offsets[1], offsets[2], offsets[3], w, length, dots, 1);

		for (int r = 0; r < 4; r++) {
			double scalar = ScalarKernels.dot(x, offsets[r], w, length);
			assertThat(Double.doubleToRawLongBits(dots[r + 1])).isEqualTo(Double.doubleToRawLongBits(scalar));
			assertThat(Double.doubleToRawLongBits(VectorKernels.dot(x, offsets[r], w, length)))
				.isEqualTo(Double.doubleToRawLongBits(scalar));
		}

		int[] eight = { 0, 0, 9, 2 * length + 9, 1, 3 * length + 9, length, 2, 3 * length + 1, length + 5 };
		double[] dots8 = new double[9];
		VectorKernels.dot8(x, eight, 2, w, length, dots8, 1);
		for (int r = 0; r < 8; r++) {
			double scalar = ScalarKernels.dot(x, eight[r + 2], w, length);
			assertThat(Double.doubleToRawLongBits(dots8[r + 1])).as("row %d of eight", r)
				.isEqualTo(Double.doubleToRawLongBits(scalar));
		}
	}

	/**
	 * Dot products whose terms are special: signed zeros (an accumulator read as +0.0 + s must stay s), exact
	 * cancellations, infinities, a NaN, overflow: each row's bits as the scalar code's.
	 */
	@Test
	void dotProductsOfSpecialValuesGiveTheScalarBits() {
		double[][] rows = { { -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0 },
				{ 1, -1, 1e300, -1e300, 2, -2, 0.5, -0.5, -0.0 }, { 1e308, 1e308, 1e308, 1e308, 1, 1, 1, 1, 1 },
				{ Double.POSITIVE_INFINITY, 1, Double.NEGATIVE_INFINITY, 1, 0, 0, 0, 0, 0 },
				{ Double.NaN, 1, 2, 3, 4, 5, 6, 7, 8 }, { 1e-320, -1e-320, 5e-324, -5e-324, 1, 1, 1, 1, -1 },
				{ 0, 0, 0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY }, { -1, -1, -1, -1, 1, 1, 1, 1, 0 } };
		double[] w = { 1, 1, 1, 1, 1, 1, 1, 1, -1 };
		int length = w.length;
		double[] x = new double[rows.length * length];
		int[] offsets = new int[2 + rows.length];
		for (int r = 0; r < rows.length; r++) {
			System.arraycopy(rows[r], 0, x, r * length, length);
			offsets[2 + r] = r * length;
		}
		double[] dots8 = new double[9];
		VectorKernels.dot8(x, offsets, 2, w, length, dots8, 1);
		double[] dots4 = new double[8];
		VectorKernels.dot4(x, offsets[2], offsets[3], offsets[4], offsets[5], w, length, dots4, 0);
		VectorKernels.dot4(x, offsets[6], offsets[7], offsets[8], offsets[9], w, length, dots4, 4);
		for (int r = 0; r < rows.length; r++) {
			long scalar = Double.doubleToRawLongBits(ScalarKernels.dot(x, r * length, w, length));
			assertThat(Double.doubleToRawLongBits(dots8[r + 1])).as("dot8 row %d", r).isEqualTo(scalar);
			assertThat(Double.doubleToRawLongBits(dots4[r])).as("dot4 row %d", r).isEqualTo(scalar);
			assertThat(Double.doubleToRawLongBits(VectorKernels.dot(x, r * length, w, length))).as("dot row %d", r)
				.isEqualTo(scalar);
		}
	}

	/** The in-place layout of the linear models (vector kernels) against the gathered one (plain Java). */
	@ParameterizedTest(name = "logistic={0} inputs={1} batch={2}")
	@CsvSource({ "true,100,32", "true,7,5", "false,13,3", "false,100,1", "true,1,9", "true,100,13", "false,5,12",
			"true,3,23" })
	void linearModelsGiveTheSameBitsInPlaceAndGathered(boolean logistic, int inputs, int batch) {
		SplittableRandom random = new SplittableRandom(inputs * 100 + batch);
		int rows = 50;
		double[] x = uniform(rows * inputs, random);
		double[] y = new double[rows];
		for (int i = 0; i < rows; i++) {
			y[i] = logistic ? random.nextInt(2) : random.nextDouble() * 4 - 2;
		}
		int[] indices = new int[batch];
		for (int i = 0; i < batch; i++) {
			indices[i] = random.nextInt(rows);
		}
		LinearPredictor inPlace = new LinearPredictor(inputs, logistic, true);
		LinearPredictor gathered = new LinearPredictor(inputs, logistic, false);
		double[] weights = uniform(inputs + 1, random);
		System.arraycopy(weights, 0, inPlace.parameters(), 0, weights.length);
		System.arraycopy(weights, 0, gathered.parameters(), 0, weights.length);
		inPlace.ensureCapacity(batch);
		gathered.ensureCapacity(batch);
		double[] inPlaceGradient = new double[inputs + 1];
		double[] gatheredGradient = new double[inputs + 1];

		double inPlaceLoss = inPlace.lossAndGradient(x, y, indices, batch, inPlaceGradient);
		double gatheredLoss = gathered.lossAndGradient(x, y, indices, batch, gatheredGradient);
		assertSameBits(new double[][] { { inPlaceLoss }, inPlaceGradient },
				new double[][] { { gatheredLoss }, gatheredGradient });

		inPlaceLoss = inPlace.lossAndGradient(x, y, 3, batch, inPlaceGradient);
		gatheredLoss = gathered.lossAndGradient(x, y, 3, batch, gatheredGradient);
		assertSameBits(new double[][] { { inPlaceLoss }, inPlaceGradient },
				new double[][] { { gatheredLoss }, gatheredGradient });
	}

	@Test
	void reluBackwardGivesTheScalarBits() {
		double[] a = { 1, 0, -0.0, -2, Double.NaN, 3, 1e-320, -1e-320, 5, 0, 7, -1, 2 };
		double[] delta = { 2, 3, -4, -5, 6, Double.NaN, -7, 8, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
				-0.0, -0.5, 0.25 };
		double[] scalar = delta.clone();
		double[] vector = delta.clone();

		ScalarKernels.reluBackward(scalar, a, a.length);
		VectorKernels.reluBackward(vector, a, a.length);

		assertSameBits(vector, scalar);
		assertThat(scalar[0]).isEqualTo(2);
		assertThat(Double.doubleToRawLongBits(scalar[3])).isEqualTo(Double.doubleToRawLongBits(-0.0));
		assertThat(scalar[9]).isNaN(); // -inf · 0
	}

	@Test
	void specialValuesKeepTheirBits() {
		// -0.0 + -0.0 stays -0.0 only when no +0.0 start is added: both paths start from the same init
		double[] a = { -0.0, 1e308, Double.NaN, -1e-320, 2, Double.POSITIVE_INFINITY, 3, -0.0 };
		double[] b = { -0.0, 1e308, 1, -3, 0.5, 1e308, -0.0, 2, 4, 1e-310, 1, 2, 3, 4, 5, -1, -2, -3, -4, -5 };
		double[] init = { -0.0, -0.0, Double.NEGATIVE_INFINITY, 1, 2 };
		double[] scalar = new double[10];
		double[] vector = new double[10];

		ScalarKernels.product(a, 0, 4, 1, b, 0, 5, init, 0, scalar, 0, 5, 2, 4, 5, new ProductBuffers());
		VectorKernels.product(a, 0, 4, 1, b, 0, 5, init, 0, vector, 0, 5, 2, 4, 5, new double[8]);

		assertSameBits(vector, scalar);
		// the same rows four times over: the tiles, not only the edges
		double[] a4 = new double[32];
		for (int copy = 0; copy < 4; copy++) {
			System.arraycopy(a, 0, a4, copy * 8, 8);
		}
		double[] wide = new double[4 * 8 * 20];
		for (int k = 0; k < 4; k++) {
			for (int j = 0; j < 20; j++) {
				wide[k * 20 + j] = b[k * 5 + j % 5];
			}
		}
		double[] scalarWide = new double[8 * 20];
		double[] vectorWide = new double[8 * 20];
		ScalarKernels.product(a4, 0, 4, 1, wide, 0, 20, null, 0, scalarWide, 0, 20, 8, 4, 20,
				new ProductBuffers());
		VectorKernels.product(a4, 0, 4, 1, wide, 0, 20, null, 0, vectorWide, 0, 20, 8, 4, 20,
				new double[VectorKernels.scratchLength(8, 4)]);
		assertSameBits(vectorWide, scalarWide);
	}

	private static void assertSameBits(double[] actual, double[] expected) {
		assertSameBits(new double[][] { actual }, new double[][] { expected });
	}

	private static void assertSameBits(double[][] actual, double[][] expected) {
		for (int i = 0; i < expected.length; i++) {
			for (int j = 0; j < expected[i].length; j++) {
				assertThat(Double.doubleToRawLongBits(actual[i][j])).as("[%d][%d]: %s vs %s", i, j, actual[i][j],
						expected[i][j])
					.isEqualTo(Double.doubleToRawLongBits(expected[i][j]));
			}
		}
	}

}
