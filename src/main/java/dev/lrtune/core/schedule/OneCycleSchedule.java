package dev.lrtune.core.schedule;

import java.util.Objects;

/**
 * {@code one_cycle} (PyTorch {@code OneCycleLR}): from {@code initial = maxLr/divFactor} up to {@code maxLr} over the
 * first {@code pctStart} of {@code totalSteps}, then down to {@code min = initial/finalDivFactor}. With
 * {@code threePhase} the rate first comes back symmetrically to {@code initial} and only then anneals to {@code min}.
 * Each phase anneals by cosine ({@code end + (start − end)/2·(cos(π·pct) + 1)}) or linearly.
 *
 * <p>The phases end at PyTorch's floating-point steps: {@code pctStart·totalSteps − 1} and {@code totalSteps − 1};
 * with three phases {@code pctStart·totalSteps − 1}, {@code 2·pctStart·totalSteps − 2} and {@code totalSteps − 1}.
 * {@code pct} is measured from the previous phase's end (from 0 for the first).
 *
 * <p>With {@code cycleMomentum} the momentum goes the other way, {@code maxMomentum → baseMomentum → maxMomentum}
 * (three phases: then stays at {@code maxMomentum}). Off by default, unlike PyTorch: it overrides the optimizer's
 * momentum, so it is asked for.
 *
 * <p>Differences from PyTorch, where it would fail: past the last step ({@code k >= totalSteps}, where PyTorch
 * raises) the final value is held; a phase of zero length (PyTorch divides by zero) counts as already complete; and
 * {@code threePhase} needs {@code pctStart <= 0.5} so the phases stay in order.
 *
 * <p>See: Smith LN. "A disciplined approach to neural network hyper-parameters: Part 1 — learning rate, batch
 * size, momentum, and weight decay", arXiv:1803.09820, 2018; Smith LN, Topin N. "Super-Convergence: Very Fast
 * Training of Neural Networks Using Large Learning Rates", arXiv:1708.07120, 2018.
 */
public final class OneCycleSchedule implements Schedule {

	/** How each phase moves from its start to its end value. */
	public enum Anneal {

		COS, LINEAR

	}

	private record Phase(double endStep, double startLr, double endLr, double startMomentum, double endMomentum) {
	}

	private final int totalSteps;

	private final Anneal anneal;

	private final boolean cycleMomentum;

	private final Phase[] phases;

	public OneCycleSchedule(double maxLr, int totalSteps, double pctStart, Anneal anneal, double divFactor,
			double finalDivFactor, boolean threePhase, boolean cycleMomentum, double baseMomentum,
			double maxMomentum) {
		Check.nonNegative("maxLr", maxLr);
		this.totalSteps = Check.atLeast("totalSteps", totalSteps, 1);
		Check.between("pctStart", pctStart, 0, threePhase ? 0.5 : 1);
		this.anneal = Objects.requireNonNull(anneal, "anneal");
		Check.atLeast("divFactor", divFactor, 1);
		Check.atLeast("finalDivFactor", finalDivFactor, 1);
		Check.between("baseMomentum", baseMomentum, 0, 1);
		Check.notBelow("maxMomentum", Check.between("maxMomentum", maxMomentum, 0, 1), "baseMomentum", baseMomentum);
		this.cycleMomentum = cycleMomentum;
		double initialLr = maxLr / divFactor;
		double minLr = initialLr / finalDivFactor;
		double up = pctStart * totalSteps - 1;
		double end = totalSteps - 1;
		this.phases = threePhase ? new Phase[] { new Phase(up, initialLr, maxLr, maxMomentum, baseMomentum),
				new Phase(2 * pctStart * totalSteps - 2, maxLr, initialLr, baseMomentum, maxMomentum),
				new Phase(end, initialLr, minLr, maxMomentum, maxMomentum) }
				: new Phase[] { new Phase(up, initialLr, maxLr, maxMomentum, baseMomentum),
						new Phase(end, maxLr, minLr, baseMomentum, maxMomentum) };
	}

	@Override
	public double lr(long step) {
		return evaluate(step, false);
	}

	@Override
	public double momentum(long step) {
		return cycleMomentum ? evaluate(step, true) : Double.NaN;
	}

	@Override
	public boolean cyclesMomentum() {
		return cycleMomentum;
	}

	private double evaluate(long step, boolean momentum) {
		double k = Math.min(step, totalSteps - 1L);
		double startStep = 0;
		for (int i = 0; i < phases.length; i++) {
			Phase phase = phases[i];
			if (k <= phase.endStep() || i == phases.length - 1) {
				double length = phase.endStep() - startStep;
				double pct = length == 0 ? 1 : (k - startStep) / length;
				return momentum ? anneal(phase.startMomentum(), phase.endMomentum(), pct)
						: anneal(phase.startLr(), phase.endLr(), pct);
			}
			startStep = phase.endStep();
		}
		throw new AssertionError("the last phase always matches");
	}

	private double anneal(double start, double end, double pct) {
		return switch (anneal) {
			case COS -> end + (start - end) / 2.0 * (StrictMath.cos(Math.PI * pct) + 1);
			case LINEAR -> (end - start) * pct + start;
		};
	}

}
