package dev.lrtune.core.model;

import java.util.Arrays;
import java.util.List;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelsTests {

	@ParameterizedTest
	@ValueSource(strings = { "logistic", "softmax" })
	void linearClassifiersStartAtZero(String type) {
		Model model = Models.create(ModelSpec.of(type), Task.classification(2), 4, 1L);

		assertThat(model.parameters()).containsOnly(0.0);
	}

	@Test
	void linearRegressionStartsAtZeroWithOneWeightPerFeatureAndABias() {
		Model model = Models.create(ModelSpec.of("linear"), Task.regression(), 4, 1L);

		assertThat(model.parameters()).hasSize(5).containsOnly(0.0);
	}

	@Test
	void reluNetworkDrawsHeNormalWeightsAndZeroBiases() {
		int in = 400;
		int out = 300;
		Model model = Models.create(ModelSpec.mlp(List.of(out), "relu"), Task.classification(2), in, 1L);
		double[] weights = Arrays.copyOfRange(model.parameters(), 0, in * out);
		double[] biases = Arrays.copyOfRange(model.parameters(), in * out, in * out + out);

		assertThat(mean(weights)).isCloseTo(0, within(0.002));
		assertThat(Math.sqrt(variance(weights))).isCloseTo(Math.sqrt(2.0 / in), within(0.01 * Math.sqrt(2.0 / in)));
		assertThat(biases).containsOnly(0.0);
	}

	@Test
	void tanhNetworkDrawsXavierUniformWeights() {
		int in = 400;
		int out = 300;
		Model model = Models.create(ModelSpec.mlp(List.of(out), "tanh"), Task.regression(), in, 1L);
		double bound = Math.sqrt(6.0 / (in + out));
		double[] weights = Arrays.copyOfRange(model.parameters(), 0, in * out);

		assertThat(Arrays.stream(weights).max().orElseThrow()).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
		assertThat(Arrays.stream(weights).min().orElseThrow()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.99 * bound);
		assertThat(variance(weights)).isCloseTo(bound * bound / 3, within(0.02 * bound * bound / 3));
	}

	@Test
	void initialisationIsReproducibleFromTheSeed() {
		ModelSpec spec = ModelSpec.mlp(List.of(8, 4), "relu");

		assertThat(Models.create(spec, Task.classification(3), 5, 9L).parameters())
			.containsExactly(Models.create(spec, Task.classification(3), 5, 9L).parameters())
			.isNotEqualTo(Models.create(spec, Task.classification(3), 5, 10L).parameters());
	}

	@Test
	void mlpDefaultsToHiddenLayersOf64And32WithRelu() {
		Model model = Models.create(ModelSpec.of("mlp"), Task.classification(3), 10, 1L);

		assertThat(model.parameterCount()).isEqualTo((10 * 64 + 64) + (64 * 32 + 32) + (32 * 3 + 3));
		assertThat(ModelSpec.of("mlp").activationOrDefault()).isEqualTo(Activation.RELU);
	}

	@Test
	void mlpHeadFollowsTheTask() {
		assertThat(Models.create(ModelSpec.mlp(List.of(4), "relu"), Task.regression(), 3, 1L).parameterCount())
			.isEqualTo(3 * 4 + 4 + 4 + 1);
		assertThat(Models.create(ModelSpec.mlp(List.of(4), "relu"), Task.classification(5), 3, 1L).isClassifier()).isTrue();
	}

	@Test
	void rejectsInvalidSpecsNamingTheField() {
		assertField(() -> Models.create(ModelSpec.of("forest"), Task.regression(), 2, 1L), "type");
		assertField(() -> Models.create(ModelSpec.of(null), Task.regression(), 2, 1L), "type");
		assertField(() -> Models.create(new ModelSpec("logistic", List.of(3), null), Task.classification(2), 2, 1L), "hidden");
		assertField(() -> Models.create(new ModelSpec("softmax", null, "relu"), Task.classification(2), 2, 1L),
				"activation");
		assertField(() -> Models.create(ModelSpec.mlp(List.of(), "relu"), Task.regression(), 2, 1L), "hidden");
		assertField(() -> Models.create(ModelSpec.mlp(List.of(8, 0), "relu"), Task.regression(), 2, 1L), "hidden");
		assertField(() -> Models.create(ModelSpec.mlp(List.of(8), "sigmoid"), Task.regression(), 2, 1L), "activation");
		assertField(() -> Models.create(ModelSpec.mlp(List.of(8192, 8192), "relu"), Task.regression(), 2, 1L), "hidden");
	}

	@Test
	void rejectsAModelThatDoesNotFitTheTask() {
		assertField(() -> Models.create(ModelSpec.of("linear"), Task.classification(2), 2, 1L), "type");
		assertField(() -> Models.create(ModelSpec.of("logistic"), Task.classification(3), 2, 1L), "type");
		assertField(() -> Models.create(ModelSpec.of("logistic"), Task.regression(), 2, 1L), "type");
		assertField(() -> Models.create(ModelSpec.of("softmax"), Task.regression(), 2, 1L), "type");
	}

	@Test
	void aFloat32NetworkComputesInFloat32WithTheTypeAndInitialParametersOfTheFloat64One() {
		ModelSpec[] specs = { ModelSpec.mlp(List.of(7, 3), "tanh"), ModelSpec.of("softmax") };
		for (ModelSpec spec : specs) {
			ModelSpec float32 = new ModelSpec(spec.type(), spec.hidden(), spec.activation(), ModelSpec.FLOAT32);
			Model wide = Models.create(spec, Task.classification(3), 5, 4L);
			Model narrow = Models.create(float32, Task.classification(3), 5, 4L);

			assertThat(wide).isInstanceOf(Network.class);
			assertThat(narrow).isInstanceOf(FloatNetwork.class);
			assertThat(narrow.type()).isEqualTo(spec.type());
			assertThat(narrow.parameters()).isEqualTo(wide.parameters());
			assertThat(Models.create(new ModelSpec(spec.type(), spec.hidden(), spec.activation(), ModelSpec.FLOAT64),
					Task.classification(3), 5, 4L)).isInstanceOf(Network.class);
		}
	}

	@Test
	void float32IsRefusedForTheLinearModels() {
		for (String type : new String[] { "linear", "logistic" }) {
			ModelSpec spec = new ModelSpec(type, null, null, ModelSpec.FLOAT32);
			Task task = type.equals("linear") ? Task.regression() : Task.classification(2);

			assertField(spec::validate, "precision");
			assertField(() -> Models.create(spec, task, 3, 1L), "precision");
		}
		assertField(new ModelSpec("mlp", null, null, "float16")::validate, "precision");
	}

	private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
		assertThatThrownBy(call)
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo(field));
	}

	private static double mean(double[] values) {
		return Arrays.stream(values).average().orElseThrow();
	}

	private static double variance(double[] values) {
		double mean = mean(values);
		return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
	}

}
