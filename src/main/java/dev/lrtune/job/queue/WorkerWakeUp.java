package dev.lrtune.job.queue;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;

/**
 * How idle workers learn of new work: they sleep until {@link #wakeOne()} (a submission here committed: one worker per
 * job), {@link #wakeUp()} (recovery queued jobs again, or the pool stops: all of them) or their poll interval passes
 * (the fallback for jobs submitted to other instances). A generation counter makes a wake-up between a failed claim
 * and the wait impossible to miss: a worker reads the generation before it claims, and waits only while it has not
 * changed.
 */
@Component
class WorkerWakeUp {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wake = lock.newCondition();

	private long generation;

	/** Wakes every idle worker: several jobs may have been queued (recovery), or the pool stops. */
	void wakeUp() {
		lock.lock();
		try {
			generation++;
			wake.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Wakes one idle worker, for one job queued: the others would only run a claim that finds nothing (on H2 after
	 * waiting for the first's turn), on the cores the job is starting on. A worker not waiting yet still sees the
	 * generation change and claims; each queued job calls this once, so as many idle workers wake as jobs were queued.
	 */
	void wakeOne() {
		lock.lock();
		try {
			generation++;
			wake.signal();
		}
		finally {
			lock.unlock();
		}
	}

	/** Workers sleeping in {@link #await} now. */
	int waiting() {
		lock.lock();
		try {
			return lock.getWaitQueueLength(wake);
		}
		finally {
			lock.unlock();
		}
	}

	/** The wake-ups so far; read before a claim, passed to {@link #await} after it found nothing. */
	long generation() {
		lock.lock();
		try {
			return generation;
		}
		finally {
			lock.unlock();
		}
	}

	/** Sleeps until a wake-up after {@code seen}, the end of {@code timeout}, or {@code active} turning false. */
	void await(long seen, Duration timeout, BooleanSupplier active) {
		lock.lock();
		try {
			long nanos = timeout.toNanos();
			while (active.getAsBoolean() && generation == seen && nanos > 0) {
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

}
