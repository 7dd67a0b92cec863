package dev.lrtune.core.data;

import java.util.List;

import dev.lrtune.core.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTests {

	@Test
	void keepsFeaturesRowMajorAndCopiesTheCallersArrays() {
		double[] features = { 1, 2, 3, 4, 5, 6 };
		double[] targets = { 0.5, 1.5 };
		Dataset data = Dataset.of(features, 2, 3, targets, Task.regression(), List.of("a", "b", "c"));
		features[0] = 99;
		targets[0] = 99;

		assertThat(data.feature(1, 0)).isEqualTo(4);
		assertThat(data.feature(0, 0)).isEqualTo(1);
		assertThat(data.target(0)).isEqualTo(0.5);
		assertThat(data.featureNames()).containsExactly("a", "b", "c");
	}

	@Test
	void ofOwnedKeepsTheHandedOverArraysAndValidatesThemAsOfDoes() {
		double[] features = { 1, 2, 3, 4, 5, 6 };
		double[] targets = { 0.5, 1.5 };

		Dataset data = Dataset.ofOwned(features, 2, 3, targets, Task.regression(), null);

		assertThat(data.features()).isSameAs(features);
		assertThat(data.targets()).isSameAs(targets);
		assertThat(data.feature(1, 2)).isEqualTo(6);
		assertThat(data.featureNames()).containsExactly("x0", "x1", "x2");
		assertThatThrownBy(() -> Dataset.ofOwned(new double[] { 1, Double.POSITIVE_INFINITY }, 1, 2, new double[1],
				Task.regression(), null))
			.isInstanceOf(InvalidParameterException.class)
			.hasMessageContaining("row 0, column 1");
		assertThatThrownBy(() -> Dataset.ofOwned(new double[2], 2, 1, new double[] { 0, 2 }, Task.classification(2), null))
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("targets"));
	}

	@Test
	void namesColumnsX0X1WhenNoNamesAreGiven() {
		Dataset data = Dataset.of(new double[4], 2, 2, new double[2], Task.regression(), null);

		assertThat(data.featureNames()).containsExactly("x0", "x1");
	}

	@Test
	void rejectsAFeatureArrayOfTheWrongLengthNamingFeatures() {
		assertThatThrownBy(() -> Dataset.of(new double[5], 2, 3, new double[2], Task.regression(), null))
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("features"));
	}

	@Test
	void rejectsATargetArrayOfTheWrongLengthNamingTargets() {
		assertThatThrownBy(() -> Dataset.of(new double[6], 2, 3, new double[3], Task.regression(), null))
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("targets"));
	}

	@Test
	void rejectsNonFiniteFeaturesNamingTheRowAndColumn() {
		double[] features = { 1, 2, 3, Double.NaN };

		assertThatThrownBy(() -> Dataset.of(features, 2, 2, new double[2], Task.regression(), null))
			.isInstanceOf(InvalidParameterException.class)
			.hasMessageContaining("row 1, column 1");
	}

	@Test
	void rejectsClassificationTargetsThatAreNotClassIndices() {
		assertThatThrownBy(() -> Dataset.of(new double[2], 2, 1, new double[] { 0, 2 }, Task.classification(2), null))
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("targets"));
		assertThatThrownBy(() -> Dataset.of(new double[2], 2, 1, new double[] { 0, 0.5 }, Task.classification(2), null))
			.isInstanceOf(InvalidParameterException.class);
	}

	@Test
	void rejectsFeatureNamesThatDoNotMatchTheColumns() {
		assertThatThrownBy(() -> Dataset.of(new double[2], 1, 2, new double[1], Task.regression(), List.of("only")))
			.isInstanceOfSatisfying(InvalidParameterException.class,
					ex -> assertThat(ex.parameter()).isEqualTo("featureNames"));
	}

	@Test
	void classificationNeedsAtLeastTwoClasses() {
		assertThatThrownBy(() -> Task.classification(1))
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("classes"));
	}

}
