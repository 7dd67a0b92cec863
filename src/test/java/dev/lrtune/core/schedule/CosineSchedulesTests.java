package dev.lrtune.core.schedule;

import static dev.lrtune.core.schedule.Rates.assertClose;
import static dev.lrtune.core.schedule.Rates.assertRates;
import static dev.lrtune.core.schedule.Rates.assertRejects;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CosineSchedulesTests {

	/** cos(π/4) = √2/2, so (1 + cos(π/4))/2 = (2 + √2)/4 and (1 + cos(3π/4))/2 = (2 − √2)/4. */
	private static final double QUARTER = (2 + Math.sqrt(2)) / 4;

	@Nested
	class Cosine {

		@Test
		void annealsFromLrToMinLrOverTMaxSteps() {
			assertRates(new CosineSchedule(1, 0, 4), 1, QUARTER, 0.5, 1 - QUARTER, 0);
			assertRates(new CosineSchedule(0.1, 0.01, 4), 0.1, 0.01 + 0.09 * QUARTER, 0.055, 0.01 + 0.09 * (1 - QUARTER),
					0.01);
		}

		@Test
		void followsTheClosedFormBackUpPastTMax() {
			Schedule schedule = new CosineSchedule(1, 0, 4);
			assertClose(schedule.lr(6), 0.5);
			assertClose(schedule.lr(8), 1);
		}

		@Test
		void rejectsMinLrAboveLrAndTMaxOfZero() {
			assertRejects("minLr", () -> new CosineSchedule(0.1, 0.2, 10));
			assertRejects("tMax", () -> new CosineSchedule(0.1, 0, 0));
		}

	}

	@Nested
	class CosineRestarts {

		@Test
		void withTMultTwoRestartsAtT0ThreeT0AndSevenT0() {
			Schedule schedule = new CosineRestartsSchedule(1, 0, 10, 2);
			for (long restart : new long[] { 0, 10, 30, 70, 150 }) {
				assertClose(schedule.lr(restart), 1);
			}
			// halfway through cycles of 10, 20, 40 and 80 steps
			for (long half : new long[] { 5, 20, 50, 110 }) {
				assertClose(schedule.lr(half), 0.5);
			}
			// the last step of each cycle: T_cur = T_i − 1
			assertClose(schedule.lr(9), (1 + Math.cos(Math.PI * 9 / 10)) / 2);
			assertClose(schedule.lr(29), (1 + Math.cos(Math.PI * 19 / 20)) / 2);
			assertClose(schedule.lr(69), (1 + Math.cos(Math.PI * 39 / 40)) / 2);
		}

		@Test
		void agreesWithPyTorchsStepByStepUpdate() {
			// PyTorch's step() without an epoch: T_cur += 1; on reaching T_i, T_cur −= T_i and T_i *= T_mult
			Schedule schedule = new CosineRestartsSchedule(0.1, 0.001, 3, 3);
			long tCur = 0;
			long tI = 3;
			for (int k = 0; k < 500; k++) {
				assertClose(schedule.lr(k), 0.001 + 0.099 * (1 + Math.cos(Math.PI * tCur / tI)) / 2);
				tCur++;
				if (tCur >= tI) {
					tCur -= tI;
					tI *= 3;
				}
			}
		}

		@Test
		void withTMultOneRestartsEveryT0Steps() {
			Schedule schedule = new CosineRestartsSchedule(1, 0, 10, 1);
			assertClose(schedule.lr(25), 0.5);
			assertClose(schedule.lr(1_000_000_000_000L), 1);
		}

		@Test
		void rejectsT0OfZeroAndTMultBelowOne() {
			assertRejects("t0", () -> new CosineRestartsSchedule(0.1, 0, 0, 1));
			assertRejects("tMult", () -> new CosineRestartsSchedule(0.1, 0, 10, 0));
		}

	}

}
