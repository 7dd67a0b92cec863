package dev.lrtune.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PeriodicCheckTests {

	@Test
	void aFailedRoundIsFollowedByTheNextAndStopEndsTheRounds() {
		Rounds rounds = new Rounds();
		rounds.start();
		rounds.start(); // a second start keeps the one thread
		assertThat(rounds.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> rounds.count.get() >= 3);
		rounds.stop();
		assertThat(rounds.isRunning()).isFalse();
		int afterStop = rounds.count.get();
		await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(rounds.count.get()).isLessThanOrEqualTo(afterStop + 1));
		assertThat(rounds.threads.get()).isEqualTo(1);
	}

	/** Fails its first round; counts every round and the threads that ran them. */
	private static final class Rounds extends PeriodicCheck {

		final AtomicInteger count = new AtomicInteger();

		final AtomicInteger threads = new AtomicInteger();

		private final ThreadLocal<Boolean> seen = ThreadLocal.withInitial(() -> false);

		Rounds() {
			super("periodic-check-test", Duration.ZERO, Duration.ofMillis(5));
		}

		@Override
		protected void check() {
			if (!seen.get()) {
				seen.set(true);
				threads.incrementAndGet();
			}
			if (count.incrementAndGet() == 1) {
				throw new IllegalStateException("the first round fails");
			}
		}

	}

}
