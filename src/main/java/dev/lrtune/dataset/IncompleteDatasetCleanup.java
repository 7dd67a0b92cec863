package dev.lrtune.dataset;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes what uploads interrupted by a crash left: incomplete datasets created more than {@link #AGE} ago, at start
 * and every {@link #INTERVAL}. Storing a matrix takes seconds, so an hour-old incomplete dataset is no upload in
 * progress, even one of another instance on the same PostgreSQL whose clock is off by minutes; should one still be
 * storing, its next write fails and the upload is refused rather than listed incomplete.
 */
@Component
class IncompleteDatasetCleanup implements SmartLifecycle {

	static final Duration AGE = Duration.ofHours(1);

	static final Duration INTERVAL = Duration.ofMinutes(15);

	private static final Logger log = LoggerFactory.getLogger(IncompleteDatasetCleanup.class);

	private final IncompleteDatasets incomplete;

	private ScheduledExecutorService checks;

	IncompleteDatasetCleanup(IncompleteDatasets incomplete) {
		this.incomplete = incomplete;
	}

	@Override
	public synchronized void start() {
		if (checks != null) {
			return;
		}
		checks = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "lrtune-incomplete-datasets");
			thread.setDaemon(true);
			return thread;
		});
		checks.scheduleWithFixedDelay(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (checks != null) {
			checks.shutdownNow();
			checks = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return checks != null;
	}

	/** Deletes the datasets that were incomplete {@link #AGE} before {@code now}; returns how many. */
	int removeLeftovers(Instant now) {
		return incomplete.deleteCreatedBefore(now.minus(AGE));
	}

	private void check() {
		try {
			int removed = removeLeftovers(Instant.now());
			if (removed > 0) {
				log.info("{} incomplete datasets removed: uploads interrupted before their matrices were stored", removed);
			}
		}
		catch (RuntimeException ex) {
			log.warn("The removal of incomplete datasets failed: {}", ex.toString());
		}
	}

}
