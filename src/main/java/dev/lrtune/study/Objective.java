package dev.lrtune.study;

import java.util.Locale;

/**
 * What a study ranks its trials by. {@code best}: the lowest validation loss a trial reached, wherever in its run
 * (a schedule that was excellent half-way and then degraded is judged by its best point, which early stopping or a
 * checkpoint recovers). {@code last}: the validation loss at the end of the run, what training that schedule for
 * exactly the budget gives.
 */
enum Objective {

	BEST, LAST;

	static final String NAMES = "best|last";

	/** The name in the JSON contract and the database: {@code best}, {@code last}. */
	String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The objective called {@code name}; {@link #BEST} for {@code null}. */
	static Objective of(String name) {
		return name == null ? BEST : valueOf(name.toUpperCase(Locale.ROOT));
	}

	/** The loss a trial's run is ranked by under this objective; {@code null} when it has none. */
	Double loss(TrialOutcome outcome) {
		return this == BEST ? outcome.bestValidationLoss() : outcome.validationLoss();
	}

}
