package dev.lrtune.core.model;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static dev.lrtune.core.model.RandomArrays.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KernelsTests {

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "5,7,9", "8,4,4", "3,600,6", "9,13,130" })
	void productComputesInitPlusTheMatrixProduct(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(1);
		int offset = 3;
		double[] a = uniform(offset + n * inner, random);
		double[] b = uniform(2 + inner * width, random);
		double[] init = uniform(1 + width, random);
		double[] c = uniform(5 + n * width, random); // overwritten past the offset

		Kernels.product(a, offset, inner, 1, b, 2, width, init, 1, c, 5, width, n, inner, width,
				new ProductBuffers());

		for (int i = 0; i < n; i++) {
			for (int j = 0; j < width; j++) {
				double expected = init[1 + j];
				for (int k = 0; k < inner; k++) {
					expected += a[offset + i * inner + k] * b[2 + k * width + j];
				}
				assertThat(c[5 + i * width + j]).isCloseTo(expected, within(1e-12));
			}
		}
	}

	@ParameterizedTest(name = "n={0} inner={1} width={2}")
	@CsvSource({ "1,1,1", "7,5,9", "8,4,4", "33,6,3" })
	void productReadsATransposeInPlace(int n, int inner, int width) {
		SplittableRandom random = new SplittableRandom(2);
		double[] a = uniform(n * inner, random);
		double[] d = uniform(n * width, random);
		double[] g = uniform(inner * width, random); // overwritten

		// g = aᵀ·d, the weight gradient: a (n × inner) read down its columns
		Kernels.product(a, 0, 1, inner, d, 0, width, null, 0, g, 0, width, inner, n, width,
				new ProductBuffers());

		for (int k = 0; k < inner; k++) {
			for (int j = 0; j < width; j++) {
				double expected = 0;
				for (int i = 0; i < n; i++) {
					expected += a[i * inner + k] * d[i * width + j];
				}
				assertThat(g[k * width + j]).isCloseTo(expected, within(1e-12));
			}
		}
	}

	@Test
	void productRoundsEachTermOnceWithItsSum() {
		// -1 + (1 + 2^-52)(1 - 2^-52) = -2^-104 exactly: a fused multiply-add keeps it, a product rounded first
		// (to 1) gives 0
		double[] a = { 1 + 0x1p-52 };
		double[] b = { 1 - 0x1p-52 };
		double[] init = { -1 };
		double[] c = new double[1];

		Kernels.product(a, 0, 1, 1, b, 0, 1, init, 0, c, 0, 1, 1, 1, 1, new ProductBuffers());

		assertThat(c[0]).isEqualTo(-0x1p-104);
	}

	@Test
	void sumRowsAddsUpEveryRow() {
		double[] rows = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
		double[] sum = { 99, 99, 99, 99 };

		Kernels.sumRows(rows, 6, 2, sum, 1);

		assertThat(sum).containsExactly(99, 36, 42, 99);
	}

	@Test
	void dotHandlesLengthsThatAreNotMultiplesOfFour() {
		double[] a = { 9, 1, 2, 3, 4, 5, 6, 7 };
		double[] b = { 1, 1, 1, 1, 1, 1, 2 };

		assertThat(Kernels.dot(a, 1, b, 7)).isEqualTo(1 + 2 + 3 + 4 + 5 + 6 + 14);
	}

}
