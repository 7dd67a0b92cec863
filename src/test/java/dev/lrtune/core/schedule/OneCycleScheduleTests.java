package dev.lrtune.core.schedule;

import static dev.lrtune.core.schedule.Rates.assertClose;
import static dev.lrtune.core.schedule.Rates.assertMomenta;
import static dev.lrtune.core.schedule.Rates.assertRates;
import static dev.lrtune.core.schedule.Rates.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.schedule.OneCycleSchedule.Anneal;

/**
 * maxLr 1 over 10 steps with the defaults: initial 1/25 = 0.04, minimum 0.04/1e4 = 4e-6, phases ending at steps
 * 0.3·10 − 1 = 2 and 9 (three phases: 2, 4 and 9). Non-trivial values were computed with PyTorch's
 * {@code OneCycleLR.get_lr} formulas in Python.
 */
class OneCycleScheduleTests {

	private static OneCycleSchedule oneCycle(Anneal anneal, boolean threePhase) {
		return new OneCycleSchedule(1, 10, 0.3, anneal, 25, 1e4, threePhase, true, 0.85, 0.95);
	}

	@Test
	void cosineAnnealingRisesToMaxLrThenFallsToTheMinimum() {
		assertRates(oneCycle(Anneal.COS, false), 0.04, 0.52, 1, 0.9504846320134737, 0.8117456539497631,
				0.6112620219362893, 0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-6);
	}

	@Test
	void cyclesMomentumInverselyToTheRate() {
		assertMomenta(oneCycle(Anneal.COS, false), 0.95, 0.9, 0.85, 0.854951556604879, 0.8688255099070633,
				0.8888739533021842, 0.9111260466978157, 0.9311744900929366, 0.945048443395121, 0.95);
	}

	@Test
	void linearAnnealingMovesInStraightLines() {
		// phase 2 spans steps 2..9: lr = 1 + (4e-6 − 1)·(k − 2)/7
		Schedule schedule = oneCycle(Anneal.LINEAR, false);
		assertRates(schedule, 0.04, 0.52, 1);
		for (int k = 2; k <= 9; k++) {
			assertClose(schedule.lr(k), 1 + (4e-6 - 1) * (k - 2) / 7.0);
		}
		assertMomenta(schedule, 0.95, 0.9, 0.85, 0.8642857142857142, 0.8785714285714286);
	}

	@Test
	void threePhasesComeBackToTheInitialRateBeforeAnnealing() {
		assertRates(oneCycle(Anneal.COS, true), 0.04, 0.52, 1, 0.52, 0.04, 0.0361807218535102, 0.0261817218535102,
				0.013822278146489805, 0.0038232781464898036, 4e-6);
		assertRates(oneCycle(Anneal.LINEAR, true), 0.04, 0.52, 1, 0.52, 0.04, 0.0320008, 0.0240016, 0.0160024,
				0.0080032, 4e-6);
		assertMomenta(oneCycle(Anneal.COS, true), 0.95, 0.9, 0.85, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95);
	}

	@Test
	void matchesPyTorchOnALongerCycle() {
		Schedule schedule = new OneCycleSchedule(0.1, 100, 0.3, Anneal.COS, 25, 1e4, false, true, 0.85, 0.95);
		assertClose(schedule.lr(0), 0.004);
		assertClose(schedule.lr(10), 0.029516394846410082);
		assertClose(schedule.lr(29), 0.1);
		assertClose(schedule.lr(30), 0.09994965352845243);
		assertClose(schedule.lr(50), 0.0793893450575732);
		assertClose(schedule.lr(99), 4e-7);
		assertClose(schedule.momentum(10), 0.9234204220349895);
	}

	@Test
	void holdsTheFinalValueAfterTotalSteps() {
		Schedule schedule = oneCycle(Anneal.COS, false);
		assertThat(schedule.lr(10)).isEqualTo(schedule.lr(9));
		assertThat(schedule.lr(1_000_000)).isEqualTo(schedule.lr(9));
		assertThat(schedule.momentum(1_000_000)).isEqualTo(schedule.momentum(9));
	}

	@Test
	void treatsAPhaseOfZeroLengthAsComplete() {
		// 0.1·10 − 1 = 0: the rise ends where it starts, so step 0 is already at the peak
		Schedule schedule = new OneCycleSchedule(1, 10, 0.1, Anneal.COS, 25, 1e4, false, false, 0.85, 0.95);
		assertClose(schedule.lr(0), 1);
		assertThat(new OneCycleSchedule(1, 1, 0.3, Anneal.COS, 25, 1e4, false, false, 0.85, 0.95).lr(0)).isFinite();
	}

	@Test
	void leavesMomentumAloneByDefault() {
		Schedule schedule = new OneCycleSchedule(1, 10, 0.3, Anneal.COS, 25, 1e4, false, false, 0.85, 0.95);
		assertThat(schedule.cyclesMomentum()).isFalse();
		assertThat(schedule.momentum(0)).isNaN();
	}

	@Test
	void rejectsOutOfRangeParameters() {
		assertRejects("totalSteps", () -> new OneCycleSchedule(1, 0, 0.3, Anneal.COS, 25, 1e4, false, false, 0.85, 0.95));
		assertRejects("pctStart", () -> new OneCycleSchedule(1, 10, 1.3, Anneal.COS, 25, 1e4, false, false, 0.85, 0.95));
		assertRejects("pctStart", () -> new OneCycleSchedule(1, 10, 0.6, Anneal.COS, 25, 1e4, true, false, 0.85, 0.95));
		assertRejects("divFactor", () -> new OneCycleSchedule(1, 10, 0.3, Anneal.COS, 0.5, 1e4, false, false, 0.85,
				0.95));
		assertRejects("finalDivFactor", () -> new OneCycleSchedule(1, 10, 0.3, Anneal.COS, 25, Double.NaN, false, false,
				0.85, 0.95));
		assertRejects("maxLr", () -> new OneCycleSchedule(-1, 10, 0.3, Anneal.COS, 25, 1e4, false, false, 0.85, 0.95));
	}

}
