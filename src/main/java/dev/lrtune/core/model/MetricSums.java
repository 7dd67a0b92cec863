package dev.lrtune.core.model;

/**
 * Running totals of an evaluation pass: the sum of per-example losses in row order, and the number of
 * correct predictions. Mutable and reused so that measuring the validation split after every step (as the
 * range test's validation mode does) allocates nothing.
 */
public final class MetricSums {

	private double loss;

	private long correct;

	private long count;

	public void reset() {
		loss = 0;
		correct = 0;
		count = 0;
	}

	/** Adds one example. */
	public void add(double exampleLoss, boolean isCorrect) {
		loss += exampleLoss;
		count++;
		if (isCorrect) {
			correct++;
		}
	}

	public long count() {
		return count;
	}

	/** Mean loss per example; NaN when nothing was added. */
	public double meanLoss() {
		return count == 0 ? Double.NaN : loss / count;
	}

	/** Share of correct predictions; NaN when nothing was added. */
	public double accuracy() {
		return count == 0 ? Double.NaN : (double) correct / count;
	}

}
