package dev.lrtune.core.schedule;

import static dev.lrtune.core.schedule.Rates.assertClose;
import static dev.lrtune.core.schedule.Rates.assertRates;
import static dev.lrtune.core.schedule.Rates.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** warmup, sequential and the epoch interval. */
class CompositeSchedulesTests {

	/** (1 + cos(π/4))/2 */
	private static final double QUARTER = (2 + Math.sqrt(2)) / 4;

	private static PlateauSchedule plateau() {
		return new PlateauSchedule(1, PlateauSchedule.Mode.MIN, 0.5, 0, 1e-4, PlateauSchedule.ThresholdMode.REL, 0, 0,
				1e-8);
	}

	@Nested
	class Warmup {

		@Test
		void rampsLinearlyFromZeroIntoACosineThatStartsAfterTheRamp() {
			Schedule schedule = new WarmupSchedule(new CosineSchedule(1, 0, 4), 4, 0);
			assertRates(schedule, 0, 0.25, 0.5, 0.75, 1, QUARTER, 0.5, 1 - QUARTER, 0);
		}

		@Test
		void startsAtStartFactorTimesTheInnerFirstRate() {
			Schedule schedule = new WarmupSchedule(new CosineSchedule(0.5, 0, 4), 4, 0.2);
			assertRates(schedule, 0.1, 0.2, 0.3, 0.4, 0.5);
		}

		@Test
		void withNoWarmupStepsIsTheInnerSchedule() {
			assertRates(new WarmupSchedule(new StepSchedule(1, 0.5, 1), 0, 0), 1, 0.5, 0.25);
		}

		@Test
		void passesMetricsAndMomentumWithTheShiftedStep() {
			Schedule schedule = new WarmupSchedule(plateau(), 2, 0);
			for (int k = 0; k < 4; k++) {
				schedule.lr(k);
				schedule.observe(k, 1);
			}
			// observations at steps 2 and 3 reach the plateau as its steps 0 and 1: one reduction, from step 4
			assertThat(schedule.lr(3)).isEqualTo(1);
			assertThat(schedule.lr(4)).isEqualTo(0.5);
			assertThat(schedule.isMetricDriven()).isTrue();

			CyclicSchedule cyclic = new CyclicSchedule(1, 4, 2, 2, CyclicSchedule.Mode.TRIANGULAR, 1, true, 0.8, 0.9);
			Schedule warm = new WarmupSchedule(cyclic, 3, 0);
			assertThat(warm.cyclesMomentum()).isTrue();
			assertThat(warm.momentum(0)).isEqualTo(cyclic.momentum(0));
			assertThat(warm.momentum(5)).isEqualTo(cyclic.momentum(2));
		}

		@Test
		void rejectsAStartFactorOutsideZeroToOne() {
			assertRejects("startFactor", () -> new WarmupSchedule(new ConstantSchedule(1), 5, 1.5));
			assertRejects("warmupSteps", () -> new WarmupSchedule(new ConstantSchedule(1), -1, 0));
		}

	}

	@Nested
	class Sequential {

		@Test
		void switchesExactlyAtTheMilestoneAndRestartsTheNextScheduleAtItsStepZero() {
			Schedule schedule = new SequentialSchedule(
					List.of(new ConstantSchedule(0.1), new StepSchedule(1, 0.5, 2), new LinearSchedule(0.2, 0, 2)),
					new int[] { 3, 7 });
			assertRates(schedule, 0.1, 0.1, 0.1, 1, 1, 0.5, 0.5, 0.2, 0.1, 0, 0);
		}

		@Test
		void sendsMetricsToTheScheduleInChargeUnderItsLocalStep() {
			PlateauSchedule plateau = plateau();
			Schedule schedule = new SequentialSchedule(List.of(new ConstantSchedule(0.1), plateau), new int[] { 2 });
			for (int k = 0; k < 4; k++) {
				schedule.lr(k);
				schedule.observe(k, 1);
			}
			// the plateau saw steps 0 and 1 only: one reduction, from its step 2 = step 4
			assertThat(schedule.lr(3)).isEqualTo(1);
			assertThat(schedule.lr(4)).isEqualTo(0.5);
			assertThat(plateau.lr(2)).isEqualTo(0.5);
		}

		@Test
		void cyclesMomentumOnlyWhileACyclingScheduleIsInCharge() {
			CyclicSchedule cyclic = new CyclicSchedule(1, 4, 2, 2, CyclicSchedule.Mode.TRIANGULAR, 1, true, 0.8, 0.9);
			Schedule schedule = new SequentialSchedule(List.of(cyclic, new ConstantSchedule(0.1)), new int[] { 4 });
			assertThat(schedule.cyclesMomentum()).isTrue();
			assertThat(schedule.momentum(2)).isEqualTo(0.8);
			assertThat(schedule.momentum(4)).isNaN();
		}

		@Test
		void needsOneMilestoneFewerThanSchedulesAllAboveZero() {
			List<Schedule> two = List.of(new ConstantSchedule(0.1), new ConstantSchedule(0.2));
			assertRejects("milestones", () -> new SequentialSchedule(two, new int[] { 3, 5 }));
			assertRejects("milestones", () -> new SequentialSchedule(two, new int[] { 0 }));
			assertRejects("schedules", () -> new SequentialSchedule(List.of(), new int[0]));
			assertRates(new SequentialSchedule(List.of(new ConstantSchedule(0.3)), new int[0]), 0.3, 0.3);
		}

	}

	@Nested
	class EpochSteps {

		@Test
		void aLeafScheduleSeesTheEpochNumber() {
			Schedule schedule = new EpochInterval(new StepSchedule(1, 0.5, 2), 5);
			for (int k = 0; k < 10; k++) {
				assertThat(schedule.lr(k)).isEqualTo(1);
			}
			assertThat(schedule.lr(10)).isEqualTo(0.5);
			assertThat(schedule.lr(19)).isEqualTo(0.5);
			assertThat(schedule.lr(20)).isEqualTo(0.25);
		}

		@Test
		void aWarmupInEpochsRampsOncePerEpochAndHandsItsInnerScheduleIterations() {
			// 2 epochs of 3 iterations; the cosine counts iterations from the end of the ramp
			Schedule schedule = new WarmupSchedule(new CosineSchedule(1, 0, 4), 2, 0, 3);
			assertRates(schedule, 0, 0, 0, 0.5, 0.5, 0.5, 1, QUARTER, 0.5, 1 - QUARTER, 0);
		}

		@Test
		void aSequentialInEpochsSwitchesAtTheFirstIterationOfTheMilestoneEpoch() {
			Schedule schedule = new SequentialSchedule(List.of(new ConstantSchedule(0.1), new StepSchedule(1, 0.5, 1)),
					new int[] { 2 }, 3);
			assertRates(schedule, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 1, 0.5, 0.25);
		}

		@Test
		void aPlateauInEpochsAppliesAReductionFromTheNextEpoch() {
			Schedule schedule = Interval.EPOCH.apply(plateau(), 3);
			schedule.observe(0, 1);
			schedule.observe(1, 1);
			assertThat(schedule.lr(2)).isEqualTo(1);
			assertThat(schedule.lr(3)).isEqualTo(0.5);
			assertClose(Interval.ITERATION.apply(new ConstantSchedule(0.2), 3).lr(7), 0.2);
		}

	}

}
