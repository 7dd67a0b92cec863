package dev.lrtune.job.queue;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.lrtune.job.run.LocalRun;

/**
 * The jobs this instance's workers run now, by id: what the heartbeat renews, a cancel reaches and a shutdown
 * gives back to the queue.
 */
@Component
class RunningJobs {

	private final Map<Long, LocalRun> runs = new ConcurrentHashMap<>();

	void add(long jobId, LocalRun run) {
		runs.put(jobId, run);
	}

	void remove(long jobId) {
		runs.remove(jobId);
	}

	/** Stops a job running here before its next iteration; false when it does not run here. */
	boolean cancel(long jobId) {
		LocalRun run = runs.get(jobId);
		if (run != null) {
			run.cancel();
		}
		return run != null;
	}

	/** Asks every run to stop and give its job back to the queue (shutdown). */
	void releaseAll() {
		runs.values().forEach(LocalRun::release);
	}

	int count() {
		return runs.size();
	}

	Collection<LocalRun> all() {
		return runs.values();
	}

}
