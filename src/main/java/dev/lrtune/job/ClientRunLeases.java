package dev.lrtune.job;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks every {@code lrtune.client-runs.lease-check-interval} for client-run jobs whose client stopped posting, and
 * fails them ({@link ClientRuns#expireLeases()}). Every instance looks; each job is ended by one of them.
 */
@Component
class ClientRunLeases implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClientRunLeases.class);

	private final ClientRuns clientRuns;

	private final ClientRunSettings settings;

	private ScheduledExecutorService checks;

	ClientRunLeases(ClientRuns clientRuns, ClientRunSettings settings) {
		this.clientRuns = clientRuns;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		if (checks != null) {
			return;
		}
		checks = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "lrtune-client-leases");
			thread.setDaemon(true);
			return thread;
		});
		long interval = settings.leaseCheckInterval().toMillis();
		checks.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
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

	private void check() {
		try {
			int ended = clientRuns.expireLeases();
			if (ended > 0) {
				log.info("{} client-run jobs ended: their clients stopped posting", ended);
			}
		}
		catch (RuntimeException ex) {
			log.warn("The lease check of client-run jobs failed: {}", ex.toString());
		}
	}

}
