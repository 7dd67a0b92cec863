package dev.lrtune.core.search;

/**
 * What the race measured of one rate: its trial at the highest rung it reached.
 *
 * @param lr the rate (a schedule family's peak rate)
 * @param validationLoss the objective's validation loss there; {@code null} when the run diverged
 * @param lossIteration the iteration where that loss was measured; {@code null} when the run diverged
 * @param rung the highest rung it trained, from 0
 * @param iterations the iterations it trained at that rung
 * @param pruned whether successive halving stopped it before the last rung
 */
public record Evidence(double lr, Double validationLoss, Long lossIteration, int rung, long iterations,
		boolean pruned) {

	static Evidence of(Trial trial, boolean pruned) {
		boolean measured = !trial.diverged() && Double.isFinite(trial.validationLoss());
		return new Evidence(trial.lr(), measured ? trial.validationLoss() : null, measured ? trial.lossIteration() : null,
				trial.rung(), trial.iterations(), pruned);
	}

}
