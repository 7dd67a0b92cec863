package dev.lrtune;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The clock of an application with one worker that a test stops in the middle of a job, however fast the job trains.
 * A worker asks the clock before every claim, curve flush and final write, which are all it stores; here it waits
 * there until the test lets it take one more step ({@link #stepUntil}). So the test sees the job's stored state while
 * the worker stands still, and closes the application with the job at that point: closing opens the gate for good,
 * and the worker stops as a shutdown stops it, at its next iteration. Other threads get the system time at once.
 */
public final class WorkerGate extends Clock implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String WORKER_THREADS = "lrtune-worker-";

	private final Semaphore steps = new Semaphore(0);

	/** The worker's arrivals at the gate that the test has not looked at yet. */
	private final Semaphore arrivals = new Semaphore(0);

	private volatile boolean open;

	/** Makes this the application's clock, opened when the application begins to close. */
	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("workerGate", this);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> open());
	}

	/**
	 * Lets the worker go one step at a time until {@code reached} holds for what {@code read} reads while it waits,
	 * and returns that: the worker then stays where it is until the application closes.
	 */
	public <T> T stepUntil(Callable<T> read, Predicate<T> reached) throws Exception {
		while (true) {
			if (!arrivals.tryAcquire(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException("the worker did not come to the gate");
			}
			T state = read.call();
			if (reached.test(state)) {
				return state;
			}
			steps.release();
		}
	}

	private void open() {
		open = true;
		steps.release(Integer.MAX_VALUE / 2);
	}

	@Override
	public Instant instant() {
		if (!open && Thread.currentThread().getName().startsWith(WORKER_THREADS)) {
			arrivals.release();
			try {
				steps.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return Instant.now();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the gate's clock stays in UTC");
	}

}
