package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.web.context.request.async.DeferredResult;

import dev.lrtune.job.store.JobSettings;

/**
 * Where and when {@link JobWaits#changed} answers a waiting request: on the thread that says the job changed, which
 * has committed the change, and after the commit when it says so inside a transaction.
 */
class JobWaitAnswerTests {

	private final JobWaits waits = new JobWaits(mock(JobManagement.class),
			new JobSettings(10_000_000, 3, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60),
					Duration.ofMinutes(1)));

	/** The job's status as the answer reads it; the thread that read it last. */
	private final AtomicReference<String> status = new AtomicReference<>("running");

	private final AtomicReference<Thread> readOn = new AtomicReference<>();

	@BeforeEach
	void start() {
		waits.start();
	}

	@AfterEach
	void stop() {
		waits.stop();
		waits.destroy();
	}

	@SuppressWarnings("unchecked")
	private DeferredResult<String> waitFor(long jobId) {
		Object answer = waits.await(jobId, 60, () -> {
			readOn.set(Thread.currentThread());
			String now = status.get();
			return new JobWaits.Outcome<>(now, !now.equals("running"));
		});
		assertThat(answer).isInstanceOf(DeferredResult.class);
		return (DeferredResult<String>) answer;
	}

	@Test
	void theJobsEndIsAnsweredOnTheThreadThatSaysSoBeforeItGoesOn() {
		DeferredResult<String> waiting = waitFor(7);

		status.set("succeeded");
		waits.changed(7);

		assertThat(waiting.getResult()).isEqualTo("succeeded");
		assertThat(readOn.get()).isSameAs(Thread.currentThread());
		assertThat(waits.waiting()).isZero();
	}

	@Test
	void aChangeThatHasNotEndedTheJobLeavesTheRequestWaiting() {
		DeferredResult<String> waiting = waitFor(8);

		waits.changed(8);

		assertThat(waiting.hasResult()).isFalse();
		assertThat(waits.waiting()).isEqualTo(1);
	}

	@Test
	void insideATransactionTheAnswerWaitsForTheCommit() {
		DeferredResult<String> waiting = waitFor(9);
		TransactionSynchronizationManager.initSynchronization();
		try {
			status.set("cancelled");
			waits.changed(9);
			assertThat(waiting.hasResult()).isFalse(); // the change is not committed yet

			TransactionSynchronizationUtils.triggerAfterCommit();
			assertThat(waiting.getResult()).isEqualTo("cancelled");
			assertThat(readOn.get()).isSameAs(Thread.currentThread());
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

}
