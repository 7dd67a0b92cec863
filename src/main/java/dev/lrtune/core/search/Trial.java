package dev.lrtune.core.search;

/**
 * One rate trained to one rung of the race.
 *
 * @param lr the rate (a schedule family's peak rate)
 * @param rung the rung, from 0
 * @param iterations the iterations this trial trained (the rung's length, fewer when it diverged)
 * @param validationLoss the objective's validation loss: the lowest reached ({@code best}) or the last
 *        ({@code last}); {@code NaN} when the run diverged
 * @param lossIteration the iteration where {@code validationLoss} was measured, -1 when it diverged
 * @param diverged whether a loss became NaN or infinite
 * @param lastValidationLoss the validation loss where the trial ended, whatever the objective; {@code NaN} when it
 *        diverged
 * @param bestValidationLoss the lowest validation loss the trial measured, whatever the objective; {@code NaN} when
 *        it diverged
 * @param bestIteration the iteration where {@code bestValidationLoss} was measured, -1 when it diverged
 */
public record Trial(double lr, int rung, long iterations, double validationLoss, long lossIteration, boolean diverged,
		double lastValidationLoss, double bestValidationLoss, long bestIteration) {

	/** A trial that diverged: no loss to rank it by. */
	static Trial diverged(double lr, int rung, long iterations) {
		return new Trial(lr, rung, iterations, Double.NaN, -1, true, Double.NaN, Double.NaN, -1);
	}

	/** The loss that ranks the trial: a diverged trial ranks after every finite one. */
	double rankingLoss() {
		return diverged || !Double.isFinite(validationLoss) ? Double.POSITIVE_INFINITY : validationLoss;
	}

}
