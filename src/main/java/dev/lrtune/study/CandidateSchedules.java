package dev.lrtune.study;

import java.util.List;

import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.schedule.ConstantSpec;
import dev.lrtune.schedule.CosineRestartsSpec;
import dev.lrtune.schedule.CyclicSpec;
import dev.lrtune.schedule.ExponentialSpec;
import dev.lrtune.schedule.LinearSpec;
import dev.lrtune.schedule.OneCycleSpec;
import dev.lrtune.schedule.PlateauSpec;
import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.schedule.StepSpec;

/**
 * The eight candidates of a study without {@code candidates}: one schedule per family, sized from an lr_search
 * and the iteration budget B. The README's "Studies" section gives the reasons; in short:
 * <ul>
 * <li>the decaying families start at the finder's {@code recommendedLr}, the constant rate the search measured
 * for the budget (the range test's own pick when a study predates the search), and end two decades lower, at 1 % of
 * it (Goodfellow et al. 2016, section 8.3.1: "ε_τ to roughly 1 % of ε_0");</li>
 * <li>the cyclic families span the finder's {@code cyclicBounds} (Smith 2017, CLR section 3.3) and
 * {@code one_cycle} peaks at its {@code maxLr} (Smith 2018, 1cycle), with PyTorch's other defaults;</li>
 * <li>each is sized for the iterations it trains: the candidate for the budget, its trial at an earlier rung for
 * that rung's length, so every rung compares whole schedules (a decay cut off at a ninth of its length would
 * compare as a near-constant rate).</li>
 * </ul>
 */
final class CandidateSchedules {

	/** The constant candidate's place in {@link #from}: first. */
	static final int CONSTANT = 0;

	/** How far the decaying schedules go down: to 1 % of where they start. */
	static final double FINAL_FRACTION = 0.01;

	/** Whole triangular cycles of the cyclic candidate in the budget. */
	static final int CYCLES = 4;

	private CandidateSchedules() {
	}

	/**
	 * @param budget the iterations the schedules are sized for
	 * @param evaluations how many times the validation loss is measured in them (the plateau candidate's patience
	 *     counts those)
	 */
	static List<ScheduleSpec> from(Recommendation finder, long budget, long evaluations) {
		// a curve that defines no recommendation still has a lowest point: start a decade below it
		double lr = finder.recommendedLr() != null ? finder.recommendedLr() : finder.minLossLr() / 10;
		double finalLr = lr * FINAL_FRACTION;
		int steps = (int) Math.min(Integer.MAX_VALUE, budget);
		return List.of(
				new ConstantSpec(lr, null),
				new StepSpec(lr, 0.1, ceilDiv(steps, 3), null),
				new ExponentialSpec(lr, FINAL_FRACTION, steps, false, null),
				new LinearSpec(lr, finalLr, steps, null),
				new PlateauSpec(lr, null, 0.1, plateauPatience(evaluations), null, null, null, finalLr, null, null),
				new CyclicSpec(finder.cyclicBounds().baseLr(), finder.cyclicBounds().maxLr(), ceilDiv(steps, 2 * CYCLES),
						null, "triangular", null, null, null, null, null),
				new CosineRestartsSpec(lr, finalLr, ceilDiv(steps, 7), 2, null),
				new OneCycleSpec(finder.cyclicBounds().maxLr(), steps, null, null, null, null, null, null, null, null,
						null));
	}

	/** A tenth of the evaluations, between 1 and PyTorch's default of 10: reductions stay possible in short runs. */
	static int plateauPatience(long evaluations) {
		return (int) Math.max(1, Math.min(PlateauSpec.DEFAULT_PATIENCE, evaluations / 10));
	}

	private static int ceilDiv(int a, int b) {
		return Math.max(1, (a + b - 1) / b);
	}

}
