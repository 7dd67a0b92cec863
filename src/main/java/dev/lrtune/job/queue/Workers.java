package dev.lrtune.job.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.lrtune.job.JobRow;
import dev.lrtune.job.JobSettings;
import dev.lrtune.job.Jobs;
import dev.lrtune.job.run.JobRunner;
import dev.lrtune.job.run.LocalRun;

/**
 * This instance's worker pool: {@code lrtune.workers.threads} threads that claim and run queued jobs, a
 * heartbeat that renews the leases of the jobs they run, and the periodic recovery of jobs whose lease
 * expired elsewhere (also once at start-up).
 *
 * <p>An idle worker sleeps until {@link #wakeUp()} (called after a submission here commits) or the poll
 * interval passes (the fallback for jobs submitted to other instances). A generation counter makes a
 * wake-up between a failed claim and the wait impossible to miss.
 *
 * <p>On shutdown, running jobs stop at their next iteration and are given back to the queue, to re-run
 * from the start on the next instance that claims them.
 */
@Component
public class Workers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Workers.class);

	private final JobQueue queue;

	private final JobRunner runner;

	private final Jobs jobs;

	private final WorkerSettings settings;

	private final JobSettings jobSettings;

	private final InstanceSettings instanceSettings;

	private final Map<Long, LocalRun> running = new ConcurrentHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wake = lock.newCondition();

	private final List<Thread> threads = new ArrayList<>();

	private long generation;

	private volatile boolean active;

	private ScheduledExecutorService maintenance;

	Workers(JobQueue queue, JobRunner runner, Jobs jobs, WorkerSettings settings, JobSettings jobSettings,
			InstanceSettings instanceSettings) {
		this.instanceSettings = instanceSettings;
		this.queue = queue;
		this.runner = runner;
		this.jobs = jobs;
		this.settings = settings;
		this.jobSettings = jobSettings;
	}

	/** Wakes idle workers: a job was queued here. */
	public void wakeUp() {
		lock.lock();
		try {
			generation++;
			wake.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** Stops a job running here before its next iteration; false when it does not run here. */
	public boolean cancelLocal(long jobId) {
		LocalRun run = running.get(jobId);
		if (run != null) {
			run.cancel();
		}
		return run != null;
	}

	/** Workers running a job now. */
	int busyThreads() {
		return running.size();
	}

	@Override
	public void start() {
		if (!settings.enabled() || active) {
			return;
		}
		active = true;
		maintenance = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lrtune-leases"));
		long recovery = jobSettings.recoveryInterval().toMillis();
		maintenance.scheduleWithFixedDelay(this::recover, 0, recovery, TimeUnit.MILLISECONDS);
		long heartbeat = settings.heartbeatInterval().toMillis();
		maintenance.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
		for (int i = 0; i < settings.threadCount(); i++) {
			String worker = instanceSettings.worker(i);
			Thread thread = new Thread(() -> work(worker), "lrtune-worker-" + i);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		log.info("{} job workers started as {}", threads.size(), instanceSettings.instanceId());
	}

	@Override
	public void stop() {
		if (!active) {
			return;
		}
		active = false;
		running.values().forEach(LocalRun::release);
		wakeUp();
		for (Thread thread : threads) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
		maintenance.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return active;
	}

	private void work(String worker) {
		while (active) {
			long seen = generation();
			Optional<JobRow> job;
			try {
				job = queue.claim(worker);
			}
			catch (RuntimeException ex) {
				log.warn("Worker {} could not claim a job: {}", worker, ex.toString());
				job = Optional.empty();
			}
			if (job.isPresent()) {
				long id = job.get().id();
				try {
					runner.run(job.get(), run -> running.put(id, run));
				}
				finally {
					running.remove(id);
				}
			}
			else {
				awaitWakeUp(seen);
			}
		}
	}

	private long generation() {
		lock.lock();
		try {
			return generation;
		}
		finally {
			lock.unlock();
		}
	}

	private void awaitWakeUp(long seen) {
		lock.lock();
		try {
			long nanos = settings.pollInterval().toNanos();
			while (active && generation == seen && nanos > 0) {
				nanos = wake.awaitNanos(nanos);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			lock.unlock();
		}
	}

	private void heartbeat() {
		Instant until = Instant.now().plus(jobSettings.leaseDuration());
		for (LocalRun run : running.values()) {
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

	private void recover() {
		try {
			if (queue.recoverExpired(Instant.now()) > 0) {
				wakeUp();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Lease recovery failed: {}", ex.toString());
		}
	}

}
