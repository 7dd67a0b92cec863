package dev.lrtune.core.data.synthetic;

import java.util.Arrays;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SyntheticSpecTests {

	@ParameterizedTest
	@EnumSource(Generator.class)
	void generatesTheSameRowsForTheSameSeed(Generator generator) {
		SyntheticSpec spec = withSeed(generator, 7);

		Dataset first = spec.generate();
		Dataset second = spec.generate();

		assertThat(first.features()).containsExactly(second.features());
		assertThat(first.targets()).containsExactly(second.targets());
	}

	@ParameterizedTest
	@EnumSource(Generator.class)
	void generatesDifferentRowsForDifferentSeeds(Generator generator) {
		assertThat(withSeed(generator, 1).generate().features()).isNotEqualTo(withSeed(generator, 2).generate().features());
	}

	@ParameterizedTest
	@EnumSource(Generator.class)
	void honoursSamplesAndFeaturesAndProducesFiniteValues(Generator generator) {
		SyntheticSpec defaults = SyntheticSpec.defaults(generator);
		Dataset data = new SyntheticSpec(generator, 123, 5, defaults.classes(), defaults.noise(), 3).generate();

		assertThat(data.rows()).isEqualTo(123);
		assertThat(data.cols()).isEqualTo(5);
		assertThat(Arrays.stream(data.features()).boxed()).allSatisfy(v -> assertThat(v).isFinite());
	}

	@Test
	void linearIsARegressionProblem() {
		Dataset data = SyntheticSpec.defaults(Generator.LINEAR).generate();

		assertThat(data.task()).isEqualTo(Task.regression());
	}

	@Test
	void linearWithoutNoiseIsExactlyLinearInTheFeatures() {
		Dataset data = new SyntheticSpec(Generator.LINEAR, 50, 3, 0, 0.0, 4).generate();
		// Solve for the weights from three rows, then check a fourth.
		double[][] a = new double[3][];
		for (int row = 0; row < 3; row++) {
			a[row] = new double[] { data.feature(row, 0), data.feature(row, 1), data.feature(row, 2) };
		}
		double[] w = solve(a, new double[] { data.target(0), data.target(1), data.target(2) });

		for (int row = 3; row < 50; row++) {
			double prediction = w[0] * data.feature(row, 0) + w[1] * data.feature(row, 1) + w[2] * data.feature(row, 2);
			assertThat(prediction).isCloseTo(data.target(row), within(1e-9));
		}
	}

	@Test
	void blobsAndSpiralsHonourTheClassCountWithBalancedClasses() {
		Dataset blobs = new SyntheticSpec(Generator.BLOBS, 100, 2, 4, 1.0, 1).generate();
		Dataset spirals = new SyntheticSpec(Generator.SPIRALS, 99, 2, 3, 0.05, 1).generate();

		assertThat(blobs.task()).isEqualTo(Task.classification(4));
		assertThat(counts(blobs, 4)).containsExactly(25, 25, 25, 25);
		assertThat(spirals.task()).isEqualTo(Task.classification(3));
		assertThat(counts(spirals, 3)).containsExactly(33, 33, 33);
	}

	@Test
	void moonsCirclesAndXorAreTwoClassProblems() {
		for (Generator generator : new Generator[] { Generator.MOONS, Generator.CIRCLES, Generator.XOR }) {
			assertThat(SyntheticSpec.defaults(generator).generate().task()).isEqualTo(Task.classification(2));
			assertThatThrownBy(() -> new SyntheticSpec(generator, 100, 2, 3, 0.1, 1))
				.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("classes"));
		}
	}

	@Test
	void circlesWithoutNoisePutClassesOnTheirRadius() {
		Dataset data = new SyntheticSpec(Generator.CIRCLES, 40, 2, 2, 0.0, 1).generate();

		for (int row = 0; row < data.rows(); row++) {
			double radius = Math.hypot(data.feature(row, 0), data.feature(row, 1));
			assertThat(radius).isCloseTo(data.target(row) == 0 ? 1.0 : 0.5, within(1e-12));
		}
	}

	@Test
	void xorWithoutNoiseLabelsByTheSignsOfTheFirstTwoFeatures() {
		Dataset data = new SyntheticSpec(Generator.XOR, 200, 4, 2, 0.0, 1).generate();

		for (int row = 0; row < data.rows(); row++) {
			boolean differ = (data.feature(row, 0) > 0) != (data.feature(row, 1) > 0);
			assertThat(data.target(row)).isEqualTo(differ ? 1.0 : 0.0);
		}
	}

	@Test
	void rejectsOutOfRangeParametersNamingThem() {
		assertThatThrownBy(() -> new SyntheticSpec(Generator.MOONS, 1, 2, 2, 0.1, 1)).hasMessageStartingWith("samples:");
		assertThatThrownBy(() -> new SyntheticSpec(Generator.MOONS, 10, 1, 2, 0.1, 1)).hasMessageStartingWith("features:");
		assertThatThrownBy(() -> new SyntheticSpec(Generator.MOONS, 10, 2, 2, -1, 1)).hasMessageStartingWith("noise:");
		assertThatThrownBy(() -> new SyntheticSpec(Generator.BLOBS, 10, 2, 1, 1, 1)).hasMessageStartingWith("classes:");
		assertThatThrownBy(() -> new SyntheticSpec(Generator.LINEAR, 10, 2, 2, 1, 1)).hasMessageStartingWith("classes:");
		assertThatThrownBy(() -> new SyntheticSpec(Generator.LINEAR, 1_000_000, 1000, 0, 1, 1))
			.hasMessageStartingWith("samples:");
	}

	@Test
	void writesACanonicalReferenceThatParsesBackToTheSameSpec() {
		SyntheticSpec spec = new SyntheticSpec(Generator.SPIRALS, 300, 3, 4, 0.25, -5);

		assertThat(SyntheticSpec.parse(spec.toReference())).isEqualTo(spec);
		assertThat(SyntheticSpec.parse(SyntheticSpec.defaults(Generator.MOONS).toReference()))
			.isEqualTo(SyntheticSpec.defaults(Generator.MOONS));
	}

	private static SyntheticSpec withSeed(Generator generator, long seed) {
		SyntheticSpec defaults = SyntheticSpec.defaults(generator);
		return new SyntheticSpec(generator, 200, 3, defaults.classes(), defaults.noise(), seed);
	}

	private static int[] counts(Dataset data, int classes) {
		int[] counts = new int[classes];
		Arrays.stream(data.targets()).forEach(y -> counts[(int) y]++);
		return counts;
	}

	private static double[] solve(double[][] a, double[] b) {
		int n = b.length;
		for (int pivot = 0; pivot < n; pivot++) {
			for (int row = pivot + 1; row < n; row++) {
				double factor = a[row][pivot] / a[pivot][pivot];
				for (int col = pivot; col < n; col++) {
					a[row][col] -= factor * a[pivot][col];
				}
				b[row] -= factor * b[pivot];
			}
		}
		double[] x = new double[n];
		for (int row = n - 1; row >= 0; row--) {
			double sum = b[row];
			for (int col = row + 1; col < n; col++) {
				sum -= a[row][col] * x[col];
			}
			x[row] = sum / a[row][row];
		}
		return x;
	}

}
