package dev.lrtune.core.schedule;

import static dev.lrtune.core.schedule.Rates.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.schedule.PlateauSchedule.Mode;
import dev.lrtune.core.schedule.PlateauSchedule.ThresholdMode;

/**
 * Traces of PyTorch's {@code ReduceLROnPlateau.step}, worked out by hand. {@link #run} plays a training loop: the
 * rate for step k is read, then the metric measured at the end of step k is observed.
 */
class PlateauScheduleTests {

	private static double[] run(Schedule schedule, double... metrics) {
		double[] lrs = new double[metrics.length + 1];
		for (int k = 0; k < metrics.length; k++) {
			lrs[k] = schedule.lr(k);
			schedule.observe(k, metrics[k]);
		}
		lrs[metrics.length] = schedule.lr(metrics.length);
		return lrs;
	}

	private static PlateauSchedule plateau(Mode mode, double factor, int patience, double threshold,
			ThresholdMode thresholdMode, int cooldown, double minLr) {
		return new PlateauSchedule(1, mode, factor, patience, threshold, thresholdMode, cooldown, minLr, 1e-8);
	}

	@Test
	void reducesOnceTheMetricHasNotImprovedForMoreThanPatienceObservations() {
		// 10 and 9 improve; the three 9s after them are bad 1, 2, 3 > patience 2: halve from step 5
		PlateauSchedule schedule = plateau(Mode.MIN, 0.5, 2, 1e-4, ThresholdMode.REL, 0, 0);
		assertThat(run(schedule, 10, 9, 9, 9, 9, 8.9)).containsExactly(1, 1, 1, 1, 1, 0.5, 0.5);
		assertThat(schedule.isMetricDriven()).isTrue();
	}

	@Test
	void ignoresBadObservationsDuringTheCooldown() {
		// patience 0: every bad observation reduces, except the two of each cooldown
		PlateauSchedule schedule = plateau(Mode.MIN, 0.5, 0, 1e-4, ThresholdMode.REL, 2, 0);
		assertThat(run(schedule, 1, 1, 1, 1, 1, 1, 1, 1)).containsExactly(1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25,
				0.125);
	}

	@Test
	void relativeThresholdNeedsAnImprovementOfThresholdTimesTheBest() {
		// 9.5 is not below 10·(1 − 0.1) = 9: a bad observation
		PlateauSchedule schedule = plateau(Mode.MIN, 0.5, 0, 0.1, ThresholdMode.REL, 0, 0);
		assertThat(run(schedule, 10, 9.5)).containsExactly(1, 1, 0.5);
	}

	@Test
	void absoluteThresholdNeedsAnImprovementOfThreshold() {
		// 9.5 is below 10 − 0.1: an improvement; 9.45 is not below 9.5 − 0.1
		PlateauSchedule schedule = plateau(Mode.MIN, 0.5, 0, 0.1, ThresholdMode.ABS, 0, 0);
		assertThat(run(schedule, 10, 9.5, 9.45)).containsExactly(1, 1, 1, 0.5);
	}

	@Test
	void inMaxModeAHigherMetricIsBetter() {
		// 0.6 > 0.5·1.0001 improves; 0.6 and 0.55 are bad 1 and 2 > patience 1
		PlateauSchedule schedule = plateau(Mode.MAX, 0.1, 1, 1e-4, ThresholdMode.REL, 0, 0);
		double[] lrs = run(schedule, 0.5, 0.6, 0.6, 0.55);
		assertThat(lrs).containsExactly(1, 1, 1, 1, 0.1);
		PlateauSchedule abs = plateau(Mode.MAX, 0.1, 0, 0.05, ThresholdMode.ABS, 0, 0);
		assertThat(run(abs, 0.5, 0.56, 0.6)).containsExactly(1, 1, 1, 0.1);
	}

	@Test
	void neverGoesBelowMinLrAndSkipsReductionsSmallerThanEps() {
		PlateauSchedule schedule = plateau(Mode.MIN, 0.1, 0, 1e-4, ThresholdMode.REL, 0, 0.05);
		double[] lrs = run(schedule, 1, 1, 1, 1, 1);
		assertThat(lrs[2]).isCloseTo(0.1, within(1e-15));
		assertThat(lrs).endsWith(0.05, 0.05, 0.05);
		PlateauSchedule tiny = new PlateauSchedule(1e-7, Mode.MIN, 0.5, 0, 0, ThresholdMode.REL, 0, 0, 1e-7);
		assertThat(run(tiny, 1, 1, 1)).containsOnly(1e-7);
	}

	@Test
	void keepsAnsweringEarlierStepsWithTheRateTheyHad() {
		PlateauSchedule schedule = plateau(Mode.MIN, 0.5, 0, 1e-4, ThresholdMode.REL, 0, 0);
		run(schedule, 1, 1, 1);
		assertThat(schedule.lr(0)).isEqualTo(1);
		assertThat(schedule.lr(2)).isEqualTo(0.5);
		assertThat(schedule.lr(100)).isEqualTo(0.25);
	}

	@Test
	void treatsANaNMetricAsNoImprovement() {
		PlateauSchedule schedule = plateau(Mode.MIN, 0.5, 0, 1e-4, ThresholdMode.REL, 0, 0);
		assertThat(run(schedule, 1, Double.NaN)).containsExactly(1, 1, 0.5);
	}

	@Test
	void refusesObservationsOutOfStepOrder() {
		PlateauSchedule schedule = plateau(Mode.MIN, 0.5, 0, 1e-4, ThresholdMode.REL, 0, 0);
		schedule.observe(5, 1);
		assertThatThrownBy(() -> schedule.observe(4, 1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void rejectsAFactorOfOneOrMore() {
		assertRejects("factor", () -> plateau(Mode.MIN, 1, 10, 1e-4, ThresholdMode.REL, 0, 0));
		assertRejects("patience", () -> plateau(Mode.MIN, 0.1, -1, 1e-4, ThresholdMode.REL, 0, 0));
		assertRejects("minLr", () -> plateau(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 2));
	}

}
