package dev.lrtune.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.lrtune.core.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatasetSplitTests {

	/** Rows whose target is their own index, so a split can be traced back. */
	private static Dataset indexed(int rows, int cols) {
		SplittableRandom random = new SplittableRandom(11);
		double[] x = new double[rows * cols];
		for (int i = 0; i < x.length; i++) {
			x[i] = 5 + 3 * random.nextDouble() + (i % cols);
		}
		double[] y = new double[rows];
		for (int row = 0; row < rows; row++) {
			y[row] = row;
		}
		return Dataset.of(x, rows, cols, y, Task.regression(), null);
	}

	@Test
	void holdsOutTheRoundedShareOfRows() {
		SplitDataset split = indexed(1000, 3).split(0.2, 1, true);

		assertThat(split.validation().rows()).isEqualTo(200);
		assertThat(split.train().rows()).isEqualTo(800);
	}

	@Test
	void theHeldOutCountIsTheRoundedShareKeptWithinOneAndAllButOne() {
		assertThat(Dataset.heldOutRows(1000, 0.2)).isEqualTo(200);
		assertThat(Dataset.heldOutRows(11, 0.25)).isEqualTo(3); // 2.75 rounds up
		assertThat(Dataset.heldOutRows(10, 0)).isZero();
		assertThat(Dataset.heldOutRows(10, 0.01)).isEqualTo(1); // 0.1 would round to none
		assertThat(Dataset.heldOutRows(3, 0.9)).isEqualTo(2); // 2.7 rounds to all three; one stays for training
		// the split itself holds out as many
		assertThat(indexed(11, 2).split(0.25, 3, false).validation().rows()).isEqualTo(3);
	}

	@Test
	void defaultsToTwentyPercentValidation() {
		assertThat(indexed(50, 2).split(7).validation().rows()).isEqualTo(10);
	}

	@Test
	void putsEveryRowInExactlyOneSplitKeepingTheOriginalOrder() {
		SplitDataset split = indexed(101, 2).split(0.3, 5, false);
		List<Double> all = new ArrayList<>();
		Arrays.stream(split.train().targets()).forEach(all::add);
		Arrays.stream(split.validation().targets()).forEach(all::add);

		assertThat(all).hasSize(101).doesNotHaveDuplicates();
		assertThat(split.train().targets()).isSorted();
		assertThat(split.validation().targets()).isSorted();
	}

	@Test
	void isDeterministicForTheSameSeed() {
		Dataset data = indexed(200, 2);

		assertThat(data.split(0.2, 42, true).validation().targets())
			.containsExactly(data.split(0.2, 42, true).validation().targets());
		assertThat(data.split(0.2, 42, true).train().features())
			.containsExactly(data.split(0.2, 42, true).train().features());
	}

	@Test
	void differentSeedsHoldOutDifferentRows() {
		Dataset data = indexed(200, 2);

		assertThat(data.split(0.2, 1, true).validation().targets())
			.isNotEqualTo(data.split(0.2, 2, true).validation().targets());
	}

	@Test
	void standardisesBothSplitsWithTrainingStatisticsOnly() {
		Dataset data = indexed(300, 3);
		SplitDataset raw = data.split(0.25, 9, false);
		SplitDataset scaled = data.split(0.25, 9, true);
		int cols = data.cols();

		for (int col = 0; col < cols; col++) {
			double[] train = column(raw.train(), col);
			double mean = Arrays.stream(train).average().orElseThrow();
			double std = Math.sqrt(Arrays.stream(train).map(v -> (v - mean) * (v - mean)).sum() / train.length);
			assertThat(scaled.standardization().mean(col)).isCloseTo(mean, within(1e-12));
			assertThat(scaled.standardization().scale(col)).isCloseTo(std, within(1e-12));
			assertThat(Arrays.stream(column(scaled.train(), col)).average().orElseThrow()).isCloseTo(0, within(1e-12));
			double[] rawValidation = column(raw.validation(), col);
			double[] scaledValidation = column(scaled.validation(), col);
			for (int row = 0; row < rawValidation.length; row++) {
				assertThat(scaledValidation[row]).isCloseTo((rawValidation[row] - mean) / std, within(1e-12));
			}
		}
	}

	@Test
	void scalesItsOwnCopiesLeavingTheDatasetAsItWasWithTheBitsOfAScaledCopy() {
		Dataset data = indexed(300, 3);
		double[] features = data.features().clone();
		double[] targets = data.targets().clone();
		SplitDataset raw = data.split(0.25, 9, false, false);

		SplitDataset scaled = data.split(0.25, 9, true, true);

		assertThat(data.features()).containsExactly(features);
		assertThat(data.targets()).containsExactly(targets);
		for (Dataset[] part : new Dataset[][] { { raw.train(), scaled.train() }, { raw.validation(), scaled.validation() } }) {
			assertThat(part[1].features()).isNotSameAs(data.features());
			for (int row = 0; row < part[0].rows(); row++) {
				for (int col = 0; col < data.cols(); col++) {
					double expected = (part[0].feature(row, col) - scaled.standardization().mean(col))
							/ scaled.standardization().scale(col);
					assertThat(part[1].feature(row, col)).isEqualTo(expected);
				}
				double expected = (part[0].target(row) - scaled.targetScaling().mean()) / scaled.targetScaling().scale();
				assertThat(part[1].target(row)).isEqualTo(expected);
			}
		}
	}

	@Test
	void turnsAConstantColumnIntoZerosInsteadOfNaN() {
		double[] x = new double[40];
		for (int row = 0; row < 20; row++) {
			x[row * 2] = 0.1; // a constant whose running sum is not exact
			x[row * 2 + 1] = row;
		}
		Dataset data = Dataset.of(x, 20, 2, new double[20], Task.regression(), null);

		SplitDataset split = data.split(0.2, 3, true);

		assertThat(split.standardization().scale(0)).isEqualTo(1.0);
		assertThat(Arrays.stream(column(split.train(), 0)).boxed()).allSatisfy(v -> assertThat(v).isCloseTo(0, within(1e-15)));
		assertThat(Arrays.stream(column(split.validation(), 0)).boxed()).allSatisfy(v -> assertThat(v).isFinite());
	}

	@Test
	void leavesFeaturesAsTheyAreWhenStandardisationIsOff() {
		Dataset data = indexed(10, 2);

		SplitDataset split = data.split(0, 3, false);

		assertThat(split.standardization().isIdentity()).isTrue();
		assertThat(split.train().features()).containsExactly(data.features());
		assertThat(split.validation().rows()).isZero();
	}

	@Test
	void rejectsAValidationFractionOutsideZeroToOne() {
		Dataset data = indexed(10, 2);

		for (double fraction : new double[] { -0.1, 1.0, Double.NaN }) {
			assertThatThrownBy(() -> data.split(fraction, 1, true))
				.isInstanceOfSatisfying(InvalidParameterException.class,
						ex -> assertThat(ex.parameter()).isEqualTo("validationFraction"));
		}
	}

	@Test
	void keepsAtLeastOneRowOnEachSide() {
		SplitDataset split = indexed(3, 1).split(0.01, 1, true);

		assertThat(split.validation().rows()).isEqualTo(1);
		assertThat(indexed(3, 1).split(0.99, 1, true).train().rows()).isEqualTo(1);
	}

	private static double[] column(Dataset data, int col) {
		double[] values = new double[data.rows()];
		for (int row = 0; row < data.rows(); row++) {
			values[row] = data.feature(row, col);
		}
		return values;
	}

}
