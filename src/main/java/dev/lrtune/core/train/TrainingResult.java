package dev.lrtune.core.train;

/**
 * The outcome of a run.
 *
 * @param status how it ended
 * @param iterations iterations reported (including the one that diverged)
 * @param lastLoss training loss of the last iteration (NaN or infinite when diverged; NaN when none ran)
 * @param bestLoss lowest finite training loss of a minibatch (NaN when none)
 * @param validationLoss the last validation loss measured (NaN when none was)
 * @param validationAccuracy the last validation accuracy measured (NaN for regression or when none was)
 */
public record TrainingResult(TrainingStatus status, long iterations, double lastLoss, double bestLoss,
		double validationLoss, double validationAccuracy) {
}
