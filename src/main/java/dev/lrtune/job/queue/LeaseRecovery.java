package dev.lrtune.job.queue;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Gives the jobs whose lease expired (their instance died) back to the queue, and wakes the workers when it did. */
@Component
class LeaseRecovery {

	private static final Logger log = LoggerFactory.getLogger(LeaseRecovery.class);

	private final JobQueue queue;

	private final WorkerWakeUp wakeUp;

	private final Clock clock;

	LeaseRecovery(JobQueue queue, WorkerWakeUp wakeUp, Clock clock) {
		this.queue = queue;
		this.wakeUp = wakeUp;
		this.clock = clock;
	}

	void recover() {
		try {
			if (queue.recoverExpired(clock.instant()) > 0) {
				wakeUp.wakeUp();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Lease recovery failed: {}", ex.toString());
		}
	}

}
