package dev.lrtune.job.run;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrtune.dataset.TargetKind;
import dev.lrtune.dataset.TrainingData;

import static org.assertj.core.api.Assertions.assertThat;

class UploadedJobDatasetsTests {

	@Test
	void aLoadTakesOverTheArraysReadForItInsteadOfCopyingThem() {
		double[] features = { 1, 2, 3, 4, 5, 6 };
		double[] targets = { 0, 1, 1 };
		TrainingData data = new TrainingData(features, 3, 2, targets, TargetKind.CLASSIFICATION, 2, List.of("a", "b"),
				false);

		JobDatasets.Loaded loaded = UploadedJobDatasets.loaded(data);

		assertThat(loaded.data().features()).isSameAs(features);
		assertThat(loaded.data().targets()).isSameAs(targets);
		assertThat(loaded.data().task().isClassification()).isTrue();
		assertThat(loaded.data().featureNames()).containsExactly("a", "b");
		assertThat(loaded.standardize()).isFalse();
	}

}
