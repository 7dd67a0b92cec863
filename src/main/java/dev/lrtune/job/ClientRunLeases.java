package dev.lrtune.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.lrtune.db.PeriodicCheck;

/**
 * Looks every {@code lrtune.client-runs.lease-check-interval} for client-run jobs whose client stopped posting, and
 * fails them ({@link ClientRuns#expireLeases()}). Every instance looks; each job is ended by one of them.
 */
@Component
class ClientRunLeases extends PeriodicCheck {

	private static final Logger log = LoggerFactory.getLogger(ClientRunLeases.class);

	private final ClientRuns clientRuns;

	ClientRunLeases(ClientRuns clientRuns, ClientRunSettings settings) {
		super("lrtune-client-leases", settings.leaseCheckInterval(), settings.leaseCheckInterval());
		this.clientRuns = clientRuns;
	}

	@Override
	protected void check() {
		int ended = clientRuns.expireLeases();
		if (ended > 0) {
			log.info("{} client-run jobs ended: their clients stopped posting", ended);
		}
	}

}
