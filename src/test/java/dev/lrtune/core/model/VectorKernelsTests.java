package dev.lrtune.core.model;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.lrtune.core.model.RandomArrays.rows;
import static dev.lrtune.core.model.RandomArrays.uniform;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vector kernels give the plain-Java kernels' bits, for shapes that reach every tail: odd row counts,
 * inner lengths that are not multiples of four or of the blocks, widths that are not multiples of the
 * lanes, and an offset into the scalar operand. The build runs the tests with the Vector API module, so
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
			"64,10,128" })
	void multiplyGivesTheScalarBits(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width);
		int offset = 3;
		double[] a = uniform(offset + n * inner, random);
		double[][] b = rows(inner, width, random);
		double[] init = uniform(width, random);
		double[][] scalar = new double[n][width];
		double[][] vector = rows(n, width, random); // overwritten

		ScalarKernels.multiply(a, offset, inner, inner, b, init, scalar, n, width);
		VectorKernels.multiply(a, offset, inner, inner, b, init, vector, n, width);

		assertSameBits(vector, scalar);
		ScalarKernels.multiply(a, offset, inner, inner, b, null, scalar, n, width);
		VectorKernels.multiply(a, offset, inner, inner, b, null, vector, n, width);
		assertSameBits(vector, scalar);
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "7,5,9", "8,4,4", "33,6,3", "64,784,128", "16,128,10", "13,3,21" })
	void transposeMultiplyGivesTheScalarBits(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(n * 1000 + inner * 10 + width);
		double[] a = uniform(n * inner + 5, random);
		double[][] d = rows(n, width, random);
		double[][] scalar = rows(inner, width, random);
		double[][] vector = rows(inner, width, random);

		ScalarKernels.transposeMultiply(a, 5, inner, inner, d, scalar, n, width);
		VectorKernels.transposeMultiply(a, 5, inner, inner, d, vector, n, width);

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
	}

	/** The in-place layout of the linear models (vector kernels) against the gathered one (plain Java). */
	@ParameterizedTest(name = "logistic={0} inputs={1} batch={2}")
	@CsvSource({ "true,100,32", "true,7,5", "false,13,3", "false,100,1", "true,1,9" })
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
	void specialValuesKeepTheirBits() {
		// -0.0 + -0.0 stays -0.0 only when no +0.0 start is added: both paths start from the same init
		double[] a = { -0.0, 1e308, Double.NaN, -1e-320, 2, Double.POSITIVE_INFINITY, 3, -0.0 };
		double[][] b = { { -0.0, 1e308, 1, -3, 0.5 }, { 1e308, -0.0, 2, 4, 1e-310 }, { 1, 2, 3, 4, 5 },
				{ -1, -2, -3, -4, -5 } };
		double[] init = { -0.0, -0.0, Double.NEGATIVE_INFINITY, 1, 2 };
		double[][] scalar = new double[2][5];
		double[][] vector = new double[2][5];

		ScalarKernels.multiply(a, 0, 4, 4, b, init, scalar, 2, 5);
		VectorKernels.multiply(a, 0, 4, 4, b, init, vector, 2, 5);

		assertSameBits(vector, scalar);
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
