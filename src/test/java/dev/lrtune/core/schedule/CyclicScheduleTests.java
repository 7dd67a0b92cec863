package dev.lrtune.core.schedule;

import static dev.lrtune.core.schedule.Rates.assertMomenta;
import static dev.lrtune.core.schedule.Rates.assertRates;
import static dev.lrtune.core.schedule.Rates.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.schedule.CyclicSchedule.Mode;

/** baseLr 1, maxLr 4, 2 steps up and 4 down: a 6-step cycle peaking at its step 2. */
class CyclicScheduleTests {

	private static CyclicSchedule cyclic(Mode mode, double gamma) {
		return new CyclicSchedule(1, 4, 2, 4, mode, gamma, true, 0.8, 0.9);
	}

	/** Position in the cycle, counted with integers: 0 at the bottom, 1 at the peak. */
	private static double position(long k) {
		long p = k % 6;
		return p <= 2 ? p / 2.0 : (6 - p) / 4.0;
	}

	@Test
	void triangularRepeatsTheSameTriangle() {
		assertRates(cyclic(Mode.TRIANGULAR, 1), 1, 2.5, 4, 3.25, 2.5, 1.75, 1, 2.5, 4, 3.25, 2.5, 1.75, 1, 2.5, 4, 3.25,
				2.5, 1.75, 1);
		assertMomenta(cyclic(Mode.TRIANGULAR, 1), 0.9, 0.85, 0.8, 0.825, 0.85, 0.875, 0.9, 0.85, 0.8);
	}

	@Test
	void triangular2HalvesTheAmplitudeEveryCycle() {
		// amplitude 3, then 1.5, then 0.75
		assertRates(cyclic(Mode.TRIANGULAR2, 1), 1, 2.5, 4, 3.25, 2.5, 1.75, 1, 1.75, 2.5, 2.125, 1.75, 1.375, 1,
				1.375, 1.75, 1.5625, 1.375, 1.1875, 1);
		assertMomenta(cyclic(Mode.TRIANGULAR2, 1), 0.9, 0.85, 0.8, 0.825, 0.85, 0.875, 0.9, 0.875, 0.85, 0.8625);
	}

	@Test
	void expRangeScalesTheAmplitudeByGammaToTheIteration() {
		CyclicSchedule schedule = cyclic(Mode.EXP_RANGE, 0.9);
		Rates.assertClose(schedule.lr(2), 1 + 3 * 0.81);
		Rates.assertClose(schedule.lr(3), 2.64025);
		Rates.assertClose(schedule.lr(8), 1 + 3 * 0.43046721);
		for (int k = 0; k < 30; k++) {
			Rates.assertClose(schedule.lr(k), 1 + 3 * position(k) * Math.pow(0.9, k));
			assertThat(schedule.momentum(k)).isCloseTo(0.9 - 0.1 * position(k) * Math.pow(0.9, k), within(1e-12));
		}
	}

	@Test
	void withEqualStepSizesClimbsAndFallsAtTheSamePace() {
		CyclicSchedule schedule = new CyclicSchedule(0.1, 0.5, 4, 4, Mode.TRIANGULAR, 1, false, 0.8, 0.9);
		assertRates(schedule, 0.1, 0.2, 0.3, 0.4, 0.5, 0.4, 0.3, 0.2, 0.1, 0.2);
	}

	@Test
	void leavesMomentumAloneUnlessAskedToCycleIt() {
		CyclicSchedule schedule = new CyclicSchedule(1, 4, 2, 4, Mode.TRIANGULAR, 1, false, 0.8, 0.9);
		assertThat(schedule.cyclesMomentum()).isFalse();
		assertThat(schedule.momentum(3)).isNaN();
		assertThat(cyclic(Mode.TRIANGULAR, 1).cyclesMomentum()).isTrue();
	}

	@Test
	void rejectsMaxLrBelowBaseLrAndStepSizesOfZero() {
		assertRejects("maxLr", () -> new CyclicSchedule(0.1, 0.01, 2, 2, Mode.TRIANGULAR, 1, false, 0.8, 0.9));
		assertRejects("maxLr", () -> new CyclicSchedule(0.1, Double.NaN, 2, 2, Mode.TRIANGULAR, 1, false, 0.8, 0.9));
		assertRejects("stepSizeUp", () -> new CyclicSchedule(0.1, 1, 0, 2, Mode.TRIANGULAR, 1, false, 0.8, 0.9));
		assertRejects("stepSizeDown", () -> new CyclicSchedule(0.1, 1, 2, 0, Mode.TRIANGULAR, 1, false, 0.8, 0.9));
		assertRejects("gamma", () -> new CyclicSchedule(0.1, 1, 2, 2, Mode.EXP_RANGE, 1.5, false, 0.8, 0.9));
		assertRejects("maxMomentum", () -> new CyclicSchedule(0.1, 1, 2, 2, Mode.TRIANGULAR, 1, true, 0.9, 0.8));
	}

}
