package dev.lrtune.dataset;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.lrtune.db.PeriodicCheck;

/**
 * Deletes what uploads interrupted by a crash left: incomplete datasets created more than
 * {@link InterruptedUploadSettings#maxAge()} ago (an hour by default), at start and every
 * {@link InterruptedUploadSettings#checkInterval()}. Storing a matrix takes seconds, so an hour-old incomplete dataset
 * is no upload in progress, even one of another instance on the same PostgreSQL whose clock is off by minutes; should
 * one still be storing, its next write fails and the upload is refused rather than listed incomplete.
 */
@Component
class IncompleteDatasetCleanup extends PeriodicCheck {

	private static final Logger log = LoggerFactory.getLogger(IncompleteDatasetCleanup.class);

	private final IncompleteDatasets incomplete;

	private final Duration maxAge;

	IncompleteDatasetCleanup(IncompleteDatasets incomplete, InterruptedUploadSettings settings) {
		super("lrtune-incomplete-datasets", Duration.ZERO, settings.checkInterval());
		this.incomplete = incomplete;
		this.maxAge = settings.maxAge();
	}

	/** Deletes the datasets that were incomplete for longer than the maximum age at {@code now}; returns how many. */
	int removeLeftovers(Instant now) {
		return incomplete.deleteCreatedBefore(now.minus(maxAge));
	}

	@Override
	protected void check() {
		int removed = removeLeftovers(Instant.now());
		if (removed > 0) {
			log.info("{} incomplete datasets removed: uploads interrupted before their matrices were stored", removed);
		}
	}

}
