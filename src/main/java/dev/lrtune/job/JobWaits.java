package dev.lrtune.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.async.DeferredResult;

import dev.lrtune.job.store.JobSettings;
import dev.lrtune.web.InvalidRequestException;

/**
 * Requests that wait for a job's end ({@code ?wait=} on {@code GET /jobs/{id}} and its recommendation), held without
 * a request thread: each is a {@link DeferredResult} answered by whichever comes first:
 * <ul>
 * <li>this instance says the job changed: {@link JobFinished} (one of its workers, or a client run's finish, committed
 * the outcome) or {@link #changed} (a cancel through this instance's API); answered then on the thread that says so,
 * after its commit;</li>
 * <li>the periodic check, which while anyone waits reads the statuses of every waited job in one statement each
 * {@code lrtune.jobs.wait-check-interval}: it sees the endings nothing here is told of (another instance's worker, a
 * lease that ran out, a job cancelled by a study, a deleted job);</li>
 * <li>the wait's deadline.</li>
 * </ul>
 * The answer is always what the same request without {@code wait} would get at that moment.
 */
@Component
@EnableConfigurationProperties(JobSettings.class)
class JobWaits implements SmartLifecycle, DisposableBean {

	/**
	 * How long past its deadline the servlet container's own async timeout gives a wait: the deadline answers it here;
	 * the container's timeout answers it too, should that have failed.
	 */
	static final Duration CONTAINER_GRACE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(JobWaits.class);

	private final JobManagement management;

	private final JobSettings settings;

	private final ScheduledThreadPoolExecutor scheduler;

	/** The waiting requests by job id; guarded by {@code this}, as are the two fields below. */
	private final Map<Long, Set<Waiter<?>>> waiting = new HashMap<>();

	/** The periodic check while anyone waits, else {@code null}. */
	private ScheduledFuture<?> checking;

	private boolean running;

	JobWaits(JobManagement management, JobSettings settings) {
		this.management = management;
		this.settings = settings;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("job-waits-");
		threads.setDaemon(true);
		this.scheduler = new ScheduledThreadPoolExecutor(1, threads);
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	/**
	 * What a request for job {@code jobId} answers when it may wait {@code seconds} for the job's end: the answer of
	 * {@code current} at once when it is settled (it cannot change any more), else a {@link DeferredResult} answered
	 * with {@code current}'s answer once it is, or when the wait ends.
	 *
	 * @param seconds the {@code wait} parameter: more than 0, at most {@code lrtune.jobs.max-wait}, else a 400
	 * @param current the answer without waiting, now; it throws for an unknown job (a 404 at once)
	 */
	<T> Object await(long jobId, double seconds, Supplier<Outcome<T>> current) {
		Duration wait = validate(seconds);
		Outcome<T> now = current.get();
		if (now.settled()) {
			return now.answer();
		}
		DeferredResult<T> result = new DeferredResult<>(wait.plus(CONTAINER_GRACE).toMillis());
		Waiter<T> waiter = new Waiter<>(jobId, result, current);
		result.onTimeout(waiter::answer);
		result.onCompletion(() -> forget(waiter));
		result.onError(error -> forget(waiter));
		if (!register(waiter)) {
			return now.answer(); // shutting down: no wait outlives the server
		}
		waiter.deadline = scheduler.schedule(waiter::answer, wait.toNanos(), TimeUnit.NANOSECONDS);
		if (waiter.answered.get()) {
			waiter.deadline.cancel(false); // answered meanwhile, before its deadline was there to cancel
		}
		// the job may have ended between the first look and the registration, telling no one who waits
		waiter.answerIfSettled();
		return result;
	}

	/** {@code seconds} as a duration, or a 400 naming {@code wait} unless it is more than 0 and at most the maximum. */
	private Duration validate(double seconds) {
		Duration max = settings.maxWait();
		if (!(seconds > 0) || seconds * 1e9 > max.toNanos()) {
			throw new InvalidRequestException("wait", "must be more than 0 and at most " + format(max)
					+ " seconds (lrtune.jobs.max-wait), got " + (Double.isFinite(seconds) ? format(seconds) : "" + seconds));
		}
		return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
	}

	private static String format(Duration duration) {
		return format(duration.toNanos() / 1e9);
	}

	private static String format(double seconds) {
		return seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15 ? String.valueOf((long) seconds)
				: String.valueOf(seconds);
	}

	/** A job of this instance finished: its waiters are answered now. */
	@EventListener
	void onJobFinished(JobFinished finished) {
		changed(finished.jobId());
	}

	/**
	 * Job {@code jobId} changed here (it ended, or was cancelled): its waiters are answered if it has ended, on the
	 * caller's thread once the change is committed. The caller has just committed it (or commits its transaction
	 * next), so the answer needs no hand-off to another thread, which on a busy machine costs a wake-up: the only work
	 * left to the caller is the answer's read (the view this instance caches, which later reads of the job use) and the
	 * hand-over of the response to the servlet container, which writes it on a thread of its own.
	 */
	void changed(long jobId) {
		synchronized (this) {
			if (!waiting.containsKey(jobId)) {
				return;
			}
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// inside a transaction: its change is not visible yet, the answer would be the job as it was
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					answerIfSettled(jobId);
				}
			});
			return;
		}
		answerIfSettled(jobId);
	}

	/** Answers the waiters of {@code jobId} if it has ended; a failure to answer one is not the caller's. */
	private void answerIfSettled(long jobId) {
		for (Waiter<?> waiter : waitersOf(jobId)) {
			try {
				waiter.answerIfSettled();
			}
			catch (RuntimeException ex) {
				// the servlet container's async timeout still ends the request
				log.warn("Answering a request that waits for job {} failed: {}", jobId, ex.toString());
			}
		}
	}

	/**
	 * The periodic check: one statement reads the statuses of every waited job; the waiters of each that has ended,
	 * or no longer exists, are answered, its view read from the database (another instance may have ended it).
	 */
	void check() {
		List<Long> ids;
		synchronized (this) {
			if (waiting.isEmpty()) {
				stopChecking();
				return;
			}
			ids = List.copyOf(waiting.keySet());
		}
		Map<Long, JobStatus> statuses;
		try {
			statuses = management.statuses(ids);
		}
		catch (RuntimeException ex) {
			// the database is away: the deadlines still answer, and the next check tries again
			log.debug("Reading the statuses of waited jobs failed: {}", ex.toString());
			return;
		}
		for (long id : ids) {
			JobStatus status = statuses.get(id);
			if (status == null || status.isTerminal()) {
				management.forgetView(id);
				waitersOf(id).forEach(Waiter::answer);
			}
		}
	}

	/** Requests waiting now (for tests and metrics). */
	synchronized int waiting() {
		return waiting.values().stream().mapToInt(Set::size).sum();
	}

	private synchronized boolean register(Waiter<?> waiter) {
		if (!running) {
			return false;
		}
		waiting.computeIfAbsent(waiter.jobId, id -> new LinkedHashSet<>()).add(waiter);
		if (checking == null) {
			long interval = settings.waitCheckInterval().toNanos();
			checking = scheduler.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.NANOSECONDS);
		}
		return true;
	}

	private synchronized void forget(Waiter<?> waiter) {
		Set<Waiter<?>> ofJob = waiting.get(waiter.jobId);
		if (ofJob != null && ofJob.remove(waiter) && ofJob.isEmpty()) {
			waiting.remove(waiter.jobId);
		}
		if (waiting.isEmpty()) {
			stopChecking();
		}
	}

	private void stopChecking() {
		if (checking != null) {
			checking.cancel(false);
			checking = null;
		}
	}

	private synchronized List<Waiter<?>> waitersOf(long jobId) {
		Set<Waiter<?>> ofJob = waiting.get(jobId);
		return ofJob == null ? List.of() : new ArrayList<>(ofJob);
	}

	@Override
	public synchronized void start() {
		running = true;
	}

	/** Answers every waiting request with the job as it is, so that shutting down does not wait for the waits. */
	@Override
	public void stop() {
		List<Waiter<?>> all = new ArrayList<>();
		synchronized (this) {
			running = false;
			waiting.values().forEach(all::addAll);
		}
		all.forEach(Waiter::answer);
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}

	/** The scheduler's thread goes with the context. */
	@Override
	public void destroy() {
		scheduler.shutdownNow();
	}

	/**
	 * An answer and whether it is settled: it cannot change any more (the job has ended, or it is a training job's
	 * recommendation), so a waiting request may have it now.
	 */
	record Outcome<T>(T answer, boolean settled) {
	}

	/** One waiting request; answered once, by whichever of its wake-ups comes first. */
	private final class Waiter<T> {

		final long jobId;

		final DeferredResult<T> result;

		final Supplier<Outcome<T>> current;

		final AtomicBoolean answered = new AtomicBoolean();

		volatile ScheduledFuture<?> deadline;

		Waiter(long jobId, DeferredResult<T> result, Supplier<Outcome<T>> current) {
			this.jobId = jobId;
			this.result = result;
			this.current = current;
		}

		/** Answers with the current answer, settled or not (the wait is over). */
		void answer() {
			respond(false);
		}

		/** Answers when the current answer is settled; else the request goes on waiting. */
		void answerIfSettled() {
			respond(true);
		}

		private void respond(boolean onlyIfSettled) {
			if (answered.get()) {
				return;
			}
			Outcome<T> now;
			try {
				now = current.get();
			}
			catch (RuntimeException ex) {
				finish(() -> result.setErrorResult(ex)); // a job deleted meanwhile: its 404, the database away: a 503
				return;
			}
			if (!onlyIfSettled || now.settled()) {
				finish(() -> result.setResult(now.answer()));
			}
		}

		private void finish(Runnable setting) {
			if (!answered.compareAndSet(false, true)) {
				return;
			}
			ScheduledFuture<?> scheduled = deadline;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			forget(this);
			setting.run();
		}

	}

}
