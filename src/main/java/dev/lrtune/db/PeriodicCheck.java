package dev.lrtune.db;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Database upkeep that no request triggers (ending abandoned work, removing leftovers), run by every instance on a
 * fixed delay, on a daemon thread of its own, from the context's start to its stop. A round that fails is logged, and
 * the next one runs as planned.
 */
public abstract class PeriodicCheck implements SmartLifecycle {

	private final Logger log = LoggerFactory.getLogger(getClass());

	private final String threadName;

	private final Duration initialDelay;

	private final Duration interval;

	private ScheduledExecutorService checks;

	/**
	 * @param threadName the thread's name, also what a failed round's warning names
	 * @param initialDelay from the start to the first round
	 * @param interval from the end of a round to the start of the next
	 */
	protected PeriodicCheck(String threadName, Duration initialDelay, Duration interval) {
		this.threadName = threadName;
		this.initialDelay = initialDelay;
		this.interval = interval;
	}

	/** One round. */
	protected abstract void check();

	@Override
	public synchronized void start() {
		if (checks != null) {
			return;
		}
		checks = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, threadName);
			thread.setDaemon(true);
			return thread;
		});
		checks.scheduleWithFixedDelay(this::round, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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

	private void round() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			log.warn("A round of {} failed: {}", threadName, ex.toString());
		}
	}

}
