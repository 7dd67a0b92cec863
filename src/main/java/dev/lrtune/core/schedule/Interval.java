package dev.lrtune.core.schedule;

/** What a schedule's step counts: optimizer iterations (the default) or whole epochs. */
public enum Interval {

	ITERATION, EPOCH;

	/** How many iterations one step of a schedule with this interval lasts. */
	public int iterationsPerStep(int iterationsPerEpoch) {
		return this == EPOCH ? Check.iterationsPerStep(iterationsPerEpoch) : 1;
	}

	/** A leaf schedule (one without nested schedules) driven by iterations, stepping in this interval. */
	public Schedule apply(Schedule leaf, int iterationsPerEpoch) {
		return this == EPOCH ? new EpochInterval(leaf, iterationsPerEpoch) : leaf;
	}

}
