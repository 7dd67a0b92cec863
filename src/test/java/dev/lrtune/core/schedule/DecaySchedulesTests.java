package dev.lrtune.core.schedule;

import static dev.lrtune.core.schedule.Rates.assertRates;
import static dev.lrtune.core.schedule.Rates.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The closed-form decays: constant, step, multistep, exponential, linear, polynomial, inverse_time, piecewise. */
class DecaySchedulesTests {

	@Nested
	class Constant {

		@Test
		void givesTheSameRateAtEveryStep() {
			Schedule constant = new ConstantSchedule(0.01);
			assertThat(constant.lr(0)).isEqualTo(0.01);
			assertThat(constant.lr(1_000_000)).isEqualTo(0.01);
			assertThat(constant.momentum(3)).isNaN();
			assertThat(constant.isMetricDriven()).isFalse();
		}

		@Test
		void rejectsANegativeRate() {
			assertRejects("lr", () -> new ConstantSchedule(-0.1));
			assertRejects("lr", () -> new ConstantSchedule(Double.NaN));
		}

	}

	@Nested
	class Step {

		@Test
		void multipliesByGammaEveryStepSizeSteps() {
			assertRates(new StepSchedule(0.1, 0.5, 3), 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125);
		}

		@Test
		void rejectsAStepSizeOfZeroAndANegativeRate() {
			assertRejects("stepSize", () -> new StepSchedule(0.1, 0.1, 0));
			assertRejects("lr", () -> new StepSchedule(-1, 0.1, 10));
			assertRejects("gamma", () -> new StepSchedule(0.1, 0, 10));
		}

	}

	@Nested
	class MultiStep {

		@Test
		void multipliesByGammaAtEachMilestone() {
			assertRates(new MultiStepSchedule(1, 0.1, new int[] { 2, 5 }), 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01);
			Rates.assertClose(new MultiStepSchedule(1, 0.1, new int[] { 2, 5 }).lr(Long.MAX_VALUE), 0.01);
		}

		@Test
		void withoutMilestonesKeepsTheRate() {
			assertRates(new MultiStepSchedule(0.3, 0.1, new int[0]), 0.3, 0.3, 0.3);
		}

		@Test
		void rejectsMilestonesThatAreNotStrictlyIncreasing() {
			assertRejects("milestones", () -> new MultiStepSchedule(0.1, 0.1, new int[] { 80, 30 }));
			assertRejects("milestones", () -> new MultiStepSchedule(0.1, 0.1, new int[] { 30, 30 }));
			assertRejects("milestones", () -> new MultiStepSchedule(0.1, 0.1, new int[] { -1, 30 }));
		}

		@Test
		void keepsItsOwnCopyOfTheMilestones() {
			int[] milestones = { 2, 5 };
			Schedule schedule = new MultiStepSchedule(1, 0.1, milestones);
			milestones[0] = 0;
			assertThat(schedule.lr(0)).isEqualTo(1);
		}

	}

	@Nested
	class Exponential {

		@Test
		void decaysContinuouslyByDecayRatePerDecaySteps() {
			Schedule schedule = new ExponentialSchedule(0.1, 0.5, 4, false);
			assertRates(schedule, 0.1, 0.1 * Math.pow(2, -0.25), 0.1 * Math.sqrt(0.5), 0.1 * Math.pow(2, -0.75), 0.05);
			Rates.assertClose(schedule.lr(6), 0.05 * Math.sqrt(0.5));
		}

		@Test
		void withStaircaseDecaysInJumps() {
			assertRates(new ExponentialSchedule(0.1, 0.5, 4, true), 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025);
		}

		@Test
		void rejectsANonPositiveDecayRateOrDecaySteps() {
			assertRejects("decayRate", () -> new ExponentialSchedule(0.1, 0, 1, false));
			assertRejects("decaySteps", () -> new ExponentialSchedule(0.1, 0.9, 0, false));
		}

	}

	@Nested
	class Linear {

		@Test
		void goesInAStraightLineToFinalLrAndStaysThere() {
			Schedule schedule = new LinearSchedule(0.1, 0.01, 10);
			assertRates(schedule, 0.1, 0.091, 0.082, 0.073, 0.064, 0.055, 0.046, 0.037, 0.028, 0.019, 0.01, 0.01);
			assertThat(schedule.lr(1_000)).isEqualTo(0.01);
		}

		@Test
		void mayRiseWhenFinalLrIsLarger() {
			assertRates(new LinearSchedule(0, 1, 4), 0, 0.25, 0.5, 0.75, 1, 1);
		}

		@Test
		void rejectsZeroDecayStepsAndANegativeFinalLr() {
			assertRejects("decaySteps", () -> new LinearSchedule(0.1, 0.01, 0));
			assertRejects("finalLr", () -> new LinearSchedule(0.1, -0.01, 10));
		}

	}

	@Nested
	class Polynomial {

		// lr = 0.1, finalLr = 0.01, decaySteps = 10, power = 2: 0.09·(1 − p)² + 0.01

		@Test
		void withoutCycleStaysAtFinalLrAfterDecaySteps() {
			Schedule schedule = new PolynomialSchedule(0.1, 0.01, 10, 2, false);
			Rates.assertClose(schedule.lr(0), 0.1);
			Rates.assertClose(schedule.lr(5), 0.0325);
			Rates.assertClose(schedule.lr(10), 0.01);
			Rates.assertClose(schedule.lr(15), 0.01);
		}

		@Test
		void withCycleDecaysAgainOverTheNextMultipleOfDecaySteps() {
			Schedule schedule = new PolynomialSchedule(0.1, 0.01, 10, 2, true);
			Rates.assertClose(schedule.lr(0), 0.1);
			Rates.assertClose(schedule.lr(5), 0.0325);
			Rates.assertClose(schedule.lr(10), 0.01);
			// d = 20: p = 11/20, 15/20, 20/20
			Rates.assertClose(schedule.lr(11), 0.09 * 0.45 * 0.45 + 0.01);
			Rates.assertClose(schedule.lr(15), 0.015625);
			Rates.assertClose(schedule.lr(20), 0.01);
			// d = 30: p = 21/30
			Rates.assertClose(schedule.lr(21), 0.0181);
		}

		@Test
		void withPowerOneIsLinear() {
			assertRates(new PolynomialSchedule(1, 0, 4, 1, false), 1, 0.75, 0.5, 0.25, 0, 0);
		}

		@Test
		void rejectsANonPositivePower() {
			assertRejects("power", () -> new PolynomialSchedule(0.1, 0, 10, 0, false));
		}

	}

	@Nested
	class InverseTime {

		@Test
		void dividesByOnePlusDecayRateTimesElapsedDecaySteps() {
			assertRates(new InverseTimeSchedule(0.1, 0.5, 2, false), 0.1, 0.08, 0.1 / 1.5, 0.1 / 1.75, 0.05);
		}

		@Test
		void withStaircaseCountsWholeDecayStepsOnly() {
			assertRates(new InverseTimeSchedule(0.1, 0.5, 2, true), 0.1, 0.1, 0.1 / 1.5, 0.1 / 1.5, 0.05, 0.05);
		}

		@Test
		void rejectsANegativeDecayRate() {
			assertRejects("decayRate", () -> new InverseTimeSchedule(0.1, -0.5, 2, false));
		}

	}

	@Nested
	class Piecewise {

		@Test
		void keepsEachValueUpToAndIncludingItsBoundary() {
			assertRates(new PiecewiseSchedule(new int[] { 2, 5 }, new double[] { 1, 0.5, 0.1 }), 1, 1, 1, 0.5, 0.5,
					0.5, 0.1, 0.1);
		}

		@Test
		void withABoundaryAtZeroUsesTheFirstValueOnlyAtStepZero() {
			assertRates(new PiecewiseSchedule(new int[] { 0 }, new double[] { 1, 0.5 }), 1, 0.5, 0.5);
		}

		@Test
		void needsOneValueMoreThanBoundariesAndIncreasingBoundaries() {
			assertRejects("values", () -> new PiecewiseSchedule(new int[] { 2, 5 }, new double[] { 1, 0.5 }));
			assertRejects("boundaries", () -> new PiecewiseSchedule(new int[] { 5, 2 }, new double[] { 1, 0.5, 0.1 }));
			assertRejects("values[1]", () -> new PiecewiseSchedule(new int[] { 2 }, new double[] { 1, -0.5 }));
		}

	}

}
