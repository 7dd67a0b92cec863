package dev.lrtune.core.model;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static dev.lrtune.core.model.RandomArrays.rows;
import static dev.lrtune.core.model.RandomArrays.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KernelsTests {

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "5,7,9", "8,4,4", "3,600,6", "9,13,130" })
	void multiplyComputesInitPlusTheMatrixProduct(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(1);
		int offset = 3;
		double[] a = uniform(offset + n * inner, random);
		double[][] b = rows(inner, width, random);
		double[] init = uniform(width, random);
		double[][] c = new double[n][width];

		Kernels.multiply(a, offset, inner, inner, b, init, c, n, width);

		for (int i = 0; i < n; i++) {
			for (int j = 0; j < width; j++) {
				double expected = init[j];
				for (int k = 0; k < inner; k++) {
					expected += a[offset + i * inner + k] * b[k][j];
				}
				assertThat(c[i][j]).isCloseTo(expected, within(1e-12));
			}
		}
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "7,5,9", "8,4,4", "33,6,3" })
	void transposeMultiplyComputesTheWeightGradient(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(2);
		double[] a = uniform(n * inner, random);
		double[][] d = rows(n, width, random);
		double[][] g = rows(inner, width, random); // overwritten

		Kernels.transposeMultiply(a, 0, inner, inner, d, g, n, width);

		for (int k = 0; k < inner; k++) {
			for (int j = 0; j < width; j++) {
				double expected = 0;
				for (int i = 0; i < n; i++) {
					expected += a[i * inner + k] * d[i][j];
				}
				assertThat(g[k][j]).isCloseTo(expected, within(1e-12));
			}
		}
	}

	@Test
	void sumRowsAddsUpEveryRow() {
		double[][] rows = { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 }, { 9, 10 }, { 11, 12 } };
		double[] sum = { 99, 99 };

		Kernels.sumRows(rows, sum, 6, 2);

		assertThat(sum).containsExactly(36, 42);
	}

	@Test
	void dotHandlesLengthsThatAreNotMultiplesOfFour() {
		double[] a = { 9, 1, 2, 3, 4, 5, 6, 7 };
		double[] b = { 1, 1, 1, 1, 1, 1, 2 };

		assertThat(Kernels.dot(a, 1, b, 7)).isEqualTo(1 + 2 + 3 + 4 + 5 + 6 + 14);
	}

}
