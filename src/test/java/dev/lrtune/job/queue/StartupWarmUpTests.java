package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.lrtune.ServiceBeansOnH2;
import dev.lrtune.job.run.WarmUp;

/**
 * When the warm-up starts: once per JVM, in a daemon thread of its own, only when enabled and on an instance with
 * workers. Each test has its own once-per-JVM guard, as a fresh JVM would.
 */
@ServiceBeansOnH2
class StartupWarmUpTests {

	private static final WorkerSettings WORKERS = new WorkerSettings(true, 1, Duration.ofSeconds(2), Duration.ofSeconds(5));

	@Autowired
	WarmUp warmUp;

	@Test
	void onlyTheFirstReadyContextOfAJvmWarmsUpInADaemonThreadOfItsOwn() throws InterruptedException {
		AtomicBoolean jvm = new AtomicBoolean();
		StartupWarmUp first = new StartupWarmUp(warmUp, new WarmUpSettings(true, 1), WORKERS, jvm);
		StartupWarmUp second = new StartupWarmUp(warmUp, new WarmUpSettings(true, 1), WORKERS, jvm);

		first.start();
		second.start();
		first.start();

		assertThat(first.thread()).isNotNull();
		assertThat(first.thread().isDaemon()).isTrue();
		assertThat(first.thread().getName()).isEqualTo(StartupWarmUp.THREAD_NAME);
		assertThat(second.thread()).isNull();
		first.thread().join(Duration.ofMinutes(2).toMillis());
		assertThat(first.thread().isAlive()).isFalse();
	}

	@Test
	void disabledItStartsNothingAndLeavesTheJvmsTurnToAnother() {
		AtomicBoolean jvm = new AtomicBoolean();
		StartupWarmUp disabled = new StartupWarmUp(warmUp, new WarmUpSettings(false, 1), WORKERS, jvm);
		StartupWarmUp noWorkers = new StartupWarmUp(warmUp, new WarmUpSettings(true, 1),
				new WorkerSettings(false, 1, Duration.ofSeconds(2), Duration.ofSeconds(5)), jvm);

		disabled.start();
		noWorkers.start();

		assertThat(disabled.thread()).isNull();
		assertThat(noWorkers.thread()).isNull();
		assertThat(jvm).isFalse();
	}

	@Test
	void theApplicationsGuardLetsOneWarmUpAtMostStartInThisJvm() throws InterruptedException {
		// as two application contexts of one JVM make it (the first of the suite may have started it already)
		StartupWarmUp first = new StartupWarmUp(warmUp, new WarmUpSettings(true, 1), WORKERS);
		StartupWarmUp second = new StartupWarmUp(warmUp, new WarmUpSettings(true, 1), WORKERS);

		first.start();
		second.start();

		assertThat(second.thread()).isNull();
		assertThat(StartupWarmUp.startedInThisJvm()).isTrue();
		if (first.thread() != null) {
			first.thread().join(Duration.ofMinutes(2).toMillis());
		}
	}

}
