package dev.lrtune.core.model;

import java.util.List;
import java.util.SplittableRandom;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTests {

	@Test
	void logisticLossIsTheMeanBinaryCrossEntropyAndAccuracyCountsTheSignOfTheLogit() {
		Model model = Models.create(ModelSpec.of("logistic"), Task.classification(2), 1, 1L);
		model.parameters()[0] = 2.0; // w
		model.parameters()[1] = -1.0; // b
		Dataset data = Dataset.of(new double[] { 0, 1, 2 }, 3, 1, new double[] { 0, 0, 1 }, Task.classification(2), null);

		Evaluation evaluation = model.evaluate(data);

		double expected = (bce(-1, 0) + bce(1, 0) + bce(3, 1)) / 3;
		assertThat(evaluation.loss()).isCloseTo(expected, within(1e-15));
		assertThat(evaluation.accuracy()).isCloseTo(2.0 / 3, within(1e-15));
	}

	@Test
	void linearLossIsTheMeanSquaredErrorAndHasNoAccuracy() {
		Model model = Models.create(ModelSpec.of("linear"), Task.regression(), 1, 1L);
		model.parameters()[0] = 1.0;
		Dataset data = Dataset.of(new double[] { 1, 2 }, 2, 1, new double[] { 2, 4 }, Task.regression(), null);

		Evaluation evaluation = model.evaluate(data);

		assertThat(evaluation.loss()).isEqualTo((1.0 + 4.0) / 2);
		assertThat(evaluation.accuracy()).isNaN();
	}

	@Test
	void softmaxLossIsTheMeanCrossEntropy() {
		Model model = Models.create(ModelSpec.of("softmax"), Task.classification(3), 1, 1L);
		double[] theta = model.parameters(); // W (1 × 3), then b (3)
		theta[0] = 1;
		theta[1] = 2;
		theta[2] = 3;
		Dataset data = Dataset.of(new double[] { 1 }, 1, 1, new double[] { 0 }, Task.classification(3), null);

		Evaluation evaluation = model.evaluate(data);

		double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 1;
		assertThat(evaluation.loss()).isCloseTo(expected, within(1e-14));
		assertThat(evaluation.accuracy()).isZero();
	}

	@Test
	void lossesStayFiniteForHugeLogits() {
		Model logistic = Models.create(ModelSpec.of("logistic"), Task.classification(2), 1, 1L);
		logistic.parameters()[0] = 800;
		Model softmax = Models.create(ModelSpec.of("softmax"), Task.classification(2), 1, 1L);
		softmax.parameters()[0] = 800;
		softmax.parameters()[1] = -800;
		Dataset data = Dataset.of(new double[] { 1, -1 }, 2, 1, new double[] { 0, 0 }, Task.classification(2), null);

		assertThat(logistic.evaluate(data).loss()).isCloseTo(400, within(1e-9));
		assertThat(softmax.evaluate(data).loss()).isCloseTo(800, within(1e-9));
	}

	static List<Arguments> models() {
		return List.of(Arguments.of(ModelSpec.of("linear"), Task.regression()),
				Arguments.of(ModelSpec.of("logistic"), Task.classification(2)),
				Arguments.of(ModelSpec.of("softmax"), Task.classification(3)),
				Arguments.of(ModelSpec.mlp(List.of(7, 5), "tanh"), Task.classification(3)),
				Arguments.of(ModelSpec.mlp(List.of(6), "relu"), Task.regression()));
	}

	@ParameterizedTest
	@MethodSource("models")
	void trainingLossOfABatchEqualsTheEvaluationOfTheSameRowsBitForBit(ModelSpec spec, Task task) {
		Model model = Models.create(spec, task, 4, 2L);
		GradientCheckTests.randomise(model.parameters(), new SplittableRandom(1));
		Dataset data = dataset(37, 4, task);
		model.ensureCapacity(37);

		double batchLoss = model.lossAndGradient(data.features(), data.targets(), 0, 37, new double[model.parameterCount()]);

		assertThat(model.evaluate(data).loss()).isEqualTo(batchLoss);
	}

	@ParameterizedTest
	@MethodSource("models")
	void evaluationDoesNotDependOnHowTheRowsAreChunked(ModelSpec spec, Task task) {
		Model chunked = Models.create(spec, task, 4, 2L);
		Model whole = Models.create(spec, task, 4, 2L);
		GradientCheckTests.randomise(chunked.parameters(), new SplittableRandom(1));
		System.arraycopy(chunked.parameters(), 0, whole.parameters(), 0, whole.parameterCount());
		Dataset data = dataset(600, 4, task);
		whole.ensureCapacity(600);

		Evaluation inChunks = chunked.evaluate(data);

		assertThat(chunked.capacity()).isLessThan(600);
		assertThat(whole.evaluate(data)).isEqualTo(inChunks);
	}

	private static Dataset dataset(int rows, int cols, Task task) {
		SplittableRandom random = new SplittableRandom(4);
		double[] x = new double[rows * cols];
		for (int i = 0; i < x.length; i++) {
			x[i] = random.nextDouble() * 2 - 1;
		}
		return Dataset.of(x, rows, cols, GradientCheckTests.targets(rows, task, random), task, null);
	}

	private static double bce(double z, double y) {
		double p = 1 / (1 + Math.exp(-z));
		return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
	}

}
