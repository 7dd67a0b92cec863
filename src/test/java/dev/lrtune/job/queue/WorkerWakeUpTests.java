package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job queued wakes one idle worker, not all of them; a wake-up between a worker's read of the generation and its
 * wait is never missed; recovery and a stop still wake every worker. The sleepers wait far longer than any test runs,
 * so every wake-up seen here came from a call, never from their timeout.
 */
class WorkerWakeUpTests {

	private static final Duration FOREVER = Duration.ofHours(1);

	private final WorkerWakeUp wakeUp = new WorkerWakeUp();

	private final List<Thread> sleepers = new ArrayList<>();

	private volatile boolean active = true;

	@AfterEach
	void stop() throws InterruptedException {
		active = false;
		wakeUp.wakeUp();
		for (Thread sleeper : sleepers) {
			sleeper.join(TimeUnit.SECONDS.toMillis(30));
		}
	}

	@Test
	void aJobQueuedWakesOneIdleWorkerAndTheNextJobTheNext() throws InterruptedException {
		Thread first = sleep();
		Thread second = sleep();
		awaitWaiting(2);

		wakeUp.wakeOne();
		// signalled workers leave the condition's queue within the call
		assertThat(wakeUp.waiting()).isEqualTo(1);
		awaitEnded(first, second, 1);

		wakeUp.wakeOne();
		assertThat(wakeUp.waiting()).isZero();
		first.join();
		second.join();
	}

	@Test
	void recoveryWakesEveryIdleWorker() throws InterruptedException {
		Thread first = sleep();
		Thread second = sleep();
		awaitWaiting(2);

		wakeUp.wakeUp();

		assertThat(wakeUp.waiting()).isZero();
		first.join();
		second.join();
	}

	@Test
	void aWorkerThatHadNotStartedWaitingSeesTheJobQueuedMeanwhile() {
		long seen = wakeUp.generation();
		wakeUp.wakeOne(); // between the worker's failed claim and its wait

		wakeUp.await(seen, FOREVER, () -> active); // returns at once: the generation moved

		assertThat(wakeUp.generation()).isEqualTo(seen + 1);
	}

	/** A worker that found nothing to claim, sleeping until woken. */
	private Thread sleep() {
		long seen = wakeUp.generation();
		BooleanSupplier running = () -> active;
		Thread sleeper = new Thread(() -> wakeUp.await(seen, FOREVER, running), "sleeper-" + sleepers.size());
		sleeper.setDaemon(true);
		sleepers.add(sleeper);
		sleeper.start();
		return sleeper;
	}

	private void awaitWaiting(int count) throws InterruptedException {
		while (wakeUp.waiting() < count) {
			Thread.sleep(1);
		}
	}

	/** Waits until exactly {@code count} of the two have ended, and checks that the other still sleeps. */
	private void awaitEnded(Thread first, Thread second, int count) throws InterruptedException {
		while ((first.isAlive() ? 0 : 1) + (second.isAlive() ? 0 : 1) < count) {
			Thread.sleep(1);
		}
		assertThat((first.isAlive() ? 1 : 0) + (second.isAlive() ? 1 : 0)).isEqualTo(2 - count);
		assertThat(wakeUp.waiting()).isEqualTo(2 - count);
	}

}
