package dev.lrtune.core.model;

import java.util.List;
import java.util.SplittableRandom;

import dev.lrtune.core.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.lrtune.core.model.RandomArrays.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A minibatch handed over as row indices (the trainer's shuffled batches) gives the same bits as the same
 * rows gathered into a contiguous range: the gather is the model's business and must not change the sums.
 * Seven rows in a scrambled order with a repeat, so the two-row and four-row kernels run their remainders.
 */
class RowIndexedBatchTests {

	private static final int[] ROWS = { 8, 0, 5, 5, 2, 7, 3 };

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.lrtune.core.model.GradientCheckTests#models")
	void aBatchOfRowIndicesGivesTheBitsOfTheSameRowsGathered(String name, ModelSpec spec, Task task) {
		int inputs = GradientCheckTests.INPUTS;
		Model model = Models.create(spec, task, inputs, 3L);
		GradientCheckTests.randomise(model.parameters(), new SplittableRandom(5));
		double[] x = GradientCheckTests.features(9, new SplittableRandom(6));
		double[] y = GradientCheckTests.targets(9, task, new SplittableRandom(7));

		assertIndexedRowsGiveTheBitsOfTheRowsGathered(model, x, y, inputs);
	}

	/**
	 * A network whose first layer is large enough for the vector kernels: they read the batch's rows where they
	 * lie in the dataset (forward and weight gradient) instead of a gathered copy, with 256-bit vectors and with
	 * 512-bit ones (the build runs this class again under -XX:UseAVX=2 on a CPU with AVX-512).
	 */
	@Test
	void aLargeNetworkReadingTheRowsInPlaceGivesTheBitsOfTheSameRowsGathered() {
		int inputs = 100;
		int hidden = 64;
		assumeTrue(Kernels.readsRowsInPlace(ROWS.length, inputs, hidden),
				"the vector kernels (jdk.incubator.vector and vectors of at least 256 bits)");
		Model model = Models.create(ModelSpec.mlp(List.of(hidden), "relu"), Task.classification(3), inputs, 3L);
		double[] x = uniform(9 * inputs, new SplittableRandom(6));
		double[] y = { 0, 2, 1, 1, 0, 2, 2, 1, 0 };

		assertIndexedRowsGiveTheBitsOfTheRowsGathered(model, x, y, inputs);
	}

	/** The loss and gradient of the batch {@link #ROWS} read by index, bit for bit those of the same rows copied out. */
	private static void assertIndexedRowsGiveTheBitsOfTheRowsGathered(Model model, double[] x, double[] y, int inputs) {
		double[] gatheredX = new double[ROWS.length * inputs];
		double[] gatheredY = new double[ROWS.length];
		for (int i = 0; i < ROWS.length; i++) {
			System.arraycopy(x, ROWS[i] * inputs, gatheredX, i * inputs, inputs);
			gatheredY[i] = y[ROWS[i]];
		}
		model.ensureCapacity(ROWS.length);
		double[] indexed = new double[model.parameterCount()];
		double[] gathered = new double[model.parameterCount()];

		double indexedLoss = model.lossAndGradient(x, y, ROWS, ROWS.length, indexed);
		double gatheredLoss = model.lossAndGradient(gatheredX, gatheredY, 0, ROWS.length, gathered);

		assertThat(Double.doubleToRawLongBits(indexedLoss)).isEqualTo(Double.doubleToRawLongBits(gatheredLoss));
		assertThat(indexed).isEqualTo(gathered);
	}

}
