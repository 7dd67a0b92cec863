package dev.lrtune.core.search;

import dev.lrtune.core.rangetest.RangeTestListener;
import dev.lrtune.core.train.TrainingListener;

/** Follows an {@link LrSearch}: the range test's steps, each trial's training and each finished trial. */
public interface SearchListener {

	/** Listens to nothing. */
	SearchListener NONE = new SearchListener() {
	};

	/** Where the range test reports its steps. */
	default RangeTestListener rangeTest() {
		return RangeTestListener.NONE;
	}

	/** Where the trial of {@code lr} at {@code rung} reports its iterations; asked once before it starts. */
	default TrainingListener trial(double lr, int rung) {
		return TrainingListener.NONE;
	}

	/** A trial finished (it is also in the result). */
	default void onTrial(Trial trial) {
	}

}
