package dev.lrtune.job.run;

import dev.lrtune.core.train.TrainingListener;

/**
 * Passes a run's reports on to its recorder and remembers the lowest finite validation loss and the iteration
 * where it was measured: what a study ranks a trial by when its objective is {@code best}.
 */
final class LowestValidation implements TrainingListener {

	private final TrainingListener next;

	private double loss = Double.NaN;

	private long iteration = -1;

	LowestValidation(TrainingListener next) {
		this.next = next;
	}

	@Override
	public void onIteration(long iteration, double lr, double momentum, double loss) {
		next.onIteration(iteration, lr, momentum, loss);
	}

	@Override
	public void onValidation(long iteration, double loss, double accuracy) {
		// strictly lower: of equal losses the earlier measurement counts, the point from which training gained nothing
		if (Double.isFinite(loss) && (Double.isNaN(this.loss) || loss < this.loss)) {
			this.loss = loss;
			this.iteration = iteration;
		}
		next.onValidation(iteration, loss, accuracy);
	}

	@Override
	public boolean stopRequested() {
		return next.stopRequested();
	}

	/** The lowest finite validation loss; {@code null} when none was measured. */
	Double loss() {
		return Double.isNaN(loss) ? null : loss;
	}

	/** The iteration at whose end it was measured (counting from 0); {@code null} when none was. */
	Long iteration() {
		return iteration < 0 ? null : iteration;
	}

}
