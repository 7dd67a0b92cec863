package dev.lrtune.job.queue;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.lrtune.job.store.JobSettings;
import dev.lrtune.job.store.Jobs;
import dev.lrtune.job.run.LocalRun;

/**
 * Renews the leases of the jobs running here, besides every curve flush, so that a run between two flushes (a
 * slow dataset load, a long validation) keeps its job. A run whose lease was taken over is told so and stops.
 */
@Component
class LeaseHeartbeat {

	private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

	private final Jobs jobs;

	private final RunningJobs running;

	private final JobSettings settings;

	private final Clock clock;

	LeaseHeartbeat(Jobs jobs, RunningJobs running, JobSettings settings, Clock clock) {
		this.jobs = jobs;
		this.running = running;
		this.settings = settings;
		this.clock = clock;
	}

	void renewAll() {
		Instant until = clock.instant().plus(settings.leaseDuration());
		for (LocalRun run : running.all()) {
			try {
				if (jobs.renew(run.lease(), until)) {
					run.leaseRenewed(until);
				}
				else {
					run.loseLease();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not renew the lease of job {}: {}", run.lease().jobId(), ex.toString());
			}
		}
	}

}
