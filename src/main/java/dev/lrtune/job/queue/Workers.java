package dev.lrtune.job.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.store.JobSettings;
import dev.lrtune.job.run.JobRunner;
import dev.lrtune.job.run.WarmUp;

/**
 * This instance's worker pool: {@code lrtune.workers.threads} threads that claim and run queued jobs, and one
 * maintenance thread for the {@link LeaseHeartbeat} and the {@link LeaseRecovery} (also once at start-up). An idle
 * worker sleeps in {@link WorkerWakeUp}; the jobs running here are kept in {@link RunningJobs}.
 *
 * <p>On shutdown, running jobs stop at their next iteration and are given back to the queue, to re-run
 * from the start on the next instance that claims them.
 */
@Component
public class Workers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Workers.class);

	/**
	 * How long a shutdown waits for each worker thread. A run stops at its next iteration and gives its job back in
	 * one short transaction, so this is ample; a thread still busy after it (a stuck dataset load) is a daemon and
	 * does not hold the JVM, and its job is recovered once its lease expires.
	 */
	private static final Duration SHUTDOWN_WAIT_PER_THREAD = Duration.ofSeconds(10);

	private final JobQueue queue;

	private final JobRunner runner;

	private final RunningJobs running;

	private final WorkerWakeUp wakeUp;

	private final LeaseHeartbeat heartbeat;

	private final LeaseRecovery recovery;

	private final WorkerSettings settings;

	private final JobSettings jobSettings;

	private final InstanceSettings instanceSettings;

	private final WarmUp warmUp;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean active;

	private ScheduledExecutorService maintenance;

	Workers(JobQueue queue, JobRunner runner, RunningJobs running, WorkerWakeUp wakeUp, LeaseHeartbeat heartbeat,
			LeaseRecovery recovery, WorkerSettings settings, JobSettings jobSettings, InstanceSettings instanceSettings,
			WarmUp warmUp) {
		this.queue = queue;
		this.runner = runner;
		this.running = running;
		this.wakeUp = wakeUp;
		this.heartbeat = heartbeat;
		this.recovery = recovery;
		this.settings = settings;
		this.jobSettings = jobSettings;
		this.instanceSettings = instanceSettings;
		this.warmUp = warmUp;
	}

	/** Wakes an idle worker: a job was queued here (one call per job). */
	public void wakeUp() {
		wakeUp.wakeOne();
	}

	/** Stops a job running here before its next iteration; false when it does not run here. */
	public boolean cancelLocal(long jobId) {
		return running.cancel(jobId);
	}

	/** Workers running a job now. */
	int busyThreads() {
		return running.count();
	}

	@Override
	public void start() {
		if (!settings.enabled() || active) {
			return;
		}
		active = true;
		maintenance = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lrtune-leases"));
		long recoveryMillis = jobSettings.recoveryInterval().toMillis();
		maintenance.scheduleWithFixedDelay(recovery::recover, 0, recoveryMillis, TimeUnit.MILLISECONDS);
		long heartbeatMillis = settings.heartbeatInterval().toMillis();
		maintenance.scheduleWithFixedDelay(heartbeat::renewAll, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
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
		running.releaseAll();
		wakeUp.wakeUp();
		for (Thread thread : threads) {
			try {
				thread.join(SHUTDOWN_WAIT_PER_THREAD.toMillis());
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
		Optional<JobRow> next = Optional.empty();
		while (active) {
			long seen = wakeUp.generation();
			Optional<JobRow> job = next;
			next = Optional.empty();
			if (job.isEmpty()) {
				try {
					job = queue.claim(worker);
				}
				catch (RuntimeException ex) {
					log.warn("Worker {} could not claim a job: {}", worker, ex.toString());
				}
			}
			if (job.isPresent()) {
				// for good: the job compiles what it needs itself, and a warm-up resumed later would queue its
				// compilations beside the jobs that follow
				warmUp.yieldToJobs();
				long id = job.get().id();
				try {
					// the end of the run may claim this worker's next job in the same statement (PostgreSQL)
					next = runner.run(job.get(), run -> running.add(id, run), () -> active ? worker : null);
				}
				finally {
					running.remove(id);
				}
			}
			else {
				wakeUp.await(seen, settings.pollInterval(), () -> active);
			}
		}
		next.ifPresent(queue::giveBack); // claimed as the instance began to stop
	}

}
