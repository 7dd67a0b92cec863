package dev.lrtune.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingResult;
import dev.lrtune.core.train.TrainingSettings;

class TargetScalingTests {

	/** Five rows, one feature, targets 1, 2, 3, 4, 10: mean 4, population variance (9 + 4 + 1 + 0 + 36) / 5 = 10. */
	private static final Dataset FIVE = Dataset.of(new double[] { 0, 1, 2, 3, 4 }, 5, 1, new double[] { 1, 2, 3, 4, 10 },
			Task.regression(), null);

	@Test
	void aRegressionTargetIsScaledByItsMeanAndPopulationStandardDeviation() {
		TargetScaling scaling = TargetScaling.fit(FIVE);

		assertThat(scaling.mean()).isEqualTo(4.0);
		assertThat(scaling.scale()).isCloseTo(Math.sqrt(10), within(1e-15));
		assertThat(scaling.apply(FIVE).targets()).containsExactly(new double[] { -3 / Math.sqrt(10), -2 / Math.sqrt(10),
				-1 / Math.sqrt(10), 0, 6 / Math.sqrt(10) }, within(1e-15));
		assertThat(scaling.toTargetUnits(0.5)).isCloseTo(5.0, within(1e-14));
		assertThat(scaling.toTarget(6 / Math.sqrt(10))).isCloseTo(10.0, within(1e-14));
	}

	@Test
	void classesAndConstantTargetsAreNotScaled() {
		Dataset classes = Dataset.of(new double[] { 0, 1, 2 }, 3, 1, new double[] { 0, 1, 1 }, Task.classification(2), null);
		Dataset constant = Dataset.of(new double[] { 0, 1, 2 }, 3, 1, new double[] { 7, 7, 7 }, Task.regression(), null);

		assertThat(TargetScaling.fit(classes).isIdentity()).isTrue();
		assertThat(TargetScaling.fit(constant).scale()).isEqualTo(1.0);
		assertThat(TargetScaling.none().apply(FIVE)).isSameAs(FIVE);
		assertThat(TargetScaling.none().toTargetUnits(3.0)).isEqualTo(3.0);
	}

	@Test
	void theSplitFitsTheTargetOnTheTrainingRowsOnlyAndCanLeaveItRaw() {
		Dataset data = ramp(100);

		SplitDataset scaled = data.split(0.2, 3, true, true);
		SplitDataset raw = data.split(0.2, 3, true, false);

		double[] trainTargets = raw.train().targets();
		TargetScaling scaling = scaled.targetScaling();
		assertThat(scaling.mean()).isCloseTo(mean(trainTargets), within(1e-12));
		assertThat(scaled.train().targets()[0]).isCloseTo((trainTargets[0] - scaling.mean()) / scaling.scale(),
				within(1e-15));
		assertThat(raw.targetScaling().isIdentity()).isTrue();
		assertThat(data.split(0.2, 3, true).targetScaling()).isEqualTo(scaling);
	}

	@Test
	void lossesAreReportedInTheTargetsUnits() {
		SplitDataset scaled = ramp(100).split(0.2, 3, true, true);
		SplitDataset raw = ramp(100).split(0.2, 3, true, false);
		double[] train = raw.train().targets();
		double[] validation = raw.validation().targets();
		double mean = mean(train);
		List<Double> losses = new ArrayList<>();

		// a linear model starts at zero, so it predicts the (scaled) mean; with lr 0 it stays there
		TrainingResult result = train(scaled, 0, losses);

		// one batch of all 80 training rows: the loss is their population variance, in the target's units
		assertThat(losses.get(0)).isCloseTo(meanSquare(train, mean), within(1e-9));
		assertThat(result.validationLoss()).isCloseTo(meanSquare(validation, mean), within(1e-9));
	}

	@Test
	void aTrainedModelReachesTheSameLossInTargetUnitsEitherWay() {
		SplitDataset scaled = ramp(100).split(0.2, 3, true, true);
		SplitDataset raw = ramp(100).split(0.2, 3, true, false);

		// the target is exactly linear in the feature, so both reach a near-zero loss; scaled reaches it at lr 0.1
		double scaledLoss = train(scaled, 0.1, new ArrayList<>()).validationLoss();
		double rawLoss = train(raw, 0.1, new ArrayList<>()).validationLoss();

		assertThat(scaledLoss).isLessThan(1e-6);
		assertThat(rawLoss).isGreaterThan(scaledLoss);
	}

	private static TrainingResult train(SplitDataset data, double lr, List<Double> losses) {
		Model model = Models.create(ModelSpec.of("linear"), Task.regression(), 1, 1);
		return new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), step -> lr,
				new TrainingSettings(80, 200, 0, 1)).run(data, new TrainingListener() {
					@Override
					public void onIteration(long iteration, double rate, double momentum, double loss) {
						losses.add(loss);
					}
				});
	}

	/** x = 0..rows-1, y = 1000 + 50 x: a target far from 0 with a large spread. */
	private static Dataset ramp(int rows) {
		double[] x = new double[rows];
		double[] y = new double[rows];
		for (int i = 0; i < rows; i++) {
			x[i] = i;
			y[i] = 1000 + 50 * i;
		}
		return Dataset.of(x, rows, 1, y, Task.regression(), null);
	}

	private static double mean(double[] values) {
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		return sum / values.length;
	}

	private static double meanSquare(double[] values, double around) {
		double sum = 0;
		for (double value : values) {
			sum += (value - around) * (value - around);
		}
		return sum / values.length;
	}

}
