package dev.lrtune.core.optim;

import dev.lrtune.core.InvalidParameterException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptimizerSpecTests {

	@Test
	void appliesPyTorchsDefaults() {
		OptimizerSpec adam = OptimizerSpec.adam().validate();
		OptimizerSpec sgd = OptimizerSpec.sgd().validate();

		assertThat(adam.beta1OrDefault()).isEqualTo(0.9);
		assertThat(adam.beta2OrDefault()).isEqualTo(0.999);
		assertThat(adam.epsOrDefault()).isEqualTo(1e-8);
		assertThat(sgd.momentumOrDefault()).isZero();
		assertThat(sgd.nesterovOrDefault()).isFalse();
		assertThat(sgd.weightDecayOrDefault()).isZero();
		assertThat(sgd.gradientClipNormOrNaN()).isNaN();
	}

	@Test
	void rejectsOutOfRangeValuesNamingTheField() {
		assertField(new OptimizerSpec("rmsprop", null, null, null, null, null, null, null), "type");
		assertField(new OptimizerSpec(null, null, null, null, null, null, null, null), "type");
		assertField(new OptimizerSpec("sgd", 1.0, null, null, null, null, null, null), "momentum");
		assertField(new OptimizerSpec("sgd", -0.1, null, null, null, null, null, null), "momentum");
		assertField(new OptimizerSpec("sgd", null, true, null, null, null, null, null), "nesterov");
		assertField(new OptimizerSpec("sgd", null, null, -1.0, null, null, null, null), "weightDecay");
		assertField(new OptimizerSpec("sgd", null, null, Double.NaN, null, null, null, null), "weightDecay");
		assertField(new OptimizerSpec("adam", null, null, null, 1.0, null, null, null), "beta1");
		assertField(new OptimizerSpec("adam", null, null, null, null, -0.5, null, null), "beta2");
		assertField(new OptimizerSpec("adam", null, null, null, null, null, -1e-8, null), "eps");
		assertField(new OptimizerSpec("sgd", null, null, null, null, null, null, 0.0), "gradientClipNorm");
	}

	@Test
	void rejectsFieldsOfTheOtherOptimizer() {
		assertField(new OptimizerSpec("adam", 0.9, null, null, null, null, null, null), "momentum");
		assertField(new OptimizerSpec("adam", null, false, null, null, null, null, null), "nesterov");
		assertField(new OptimizerSpec("sgd", null, null, null, 0.9, null, null, null), "beta1");
		assertField(new OptimizerSpec("sgd", null, null, null, null, null, 1e-8, null), "eps");
	}

	@Test
	void rejectsAStepWithANegativeOrMissingLearningRate() {
		Optimizer sgd = Optimizers.create(OptimizerSpec.sgd(), 1);

		assertThrowsNaming(() -> sgd.step(new double[1], new double[1], -0.1, Double.NaN), "lr");
		assertThrowsNaming(() -> sgd.step(new double[1], new double[1], Double.NaN, Double.NaN), "lr");
	}

	@Test
	void rejectsAScheduledMomentumOutsideZeroToOne() {
		Optimizer adam = Optimizers.create(OptimizerSpec.adam(), 1);

		assertThrowsNaming(() -> adam.step(new double[1], new double[1], 0.1, 1.0), "momentum");
	}

	private static void assertField(OptimizerSpec spec, String field) {
		assertThrowsNaming(() -> Optimizers.create(spec, 3), field);
	}

	private static void assertThrowsNaming(ThrowingCallable call, String field) {
		assertThatThrownBy(call)
			.isInstanceOfSatisfying(InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo(field));
	}

}
