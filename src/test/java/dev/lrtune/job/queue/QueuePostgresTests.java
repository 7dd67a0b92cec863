package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.PostgresContainerConfiguration;
import dev.lrtune.PostgresTestDatabase;
import dev.lrtune.curve.CurveView;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.store.JobRow;

/** {@link QueueScenarios} on real PostgreSQL: SKIP LOCKED claims, leases, recovery and curve writes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(PostgresTestDatabase.class)
@DirtiesContext // its own context: closed after the class, so that its pool's connections go back to the server
@Import(PostgresContainerConfiguration.class)
@TestPropertySource(properties = { "lrtune.workers.enabled=false", "lrtune.curves.flush-interval=0ms",
		"lrtune.jobs.max-attempts=2" })
class QueuePostgresTests extends QueueScenarios {

	private static final long ITERATIONS = 50_000;

	private static final String LONG_TRAINING = """
			{"type": "training", "dataset": "synthetic:moons?samples=400&noise=0.2&seed=3", "seed": 11,
			 "model": {"type": "mlp", "hidden": [8]}, "optimizer": {"type": "sgd", "momentum": 0.9},
			 "training": {"iterations": %d, "evaluateEvery": 1000,
			              "schedule": {"type": "cosine", "lr": 0.2, "tMax": %d}}}""".formatted(ITERATIONS, ITERATIONS);

	@Autowired
	TransactionTemplate transactions;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

	/**
	 * Lost lease, the race itself: worker A is paused in the middle of a flush (its heartbeat waits on the job's
	 * row, which this test holds locked) past its lease. Meanwhile, in the transaction holding that lock, the
	 * lease recovery re-queues the job and worker B claims it. When the lock goes, A's conditional write finds
	 * the job held by B's attempt, so A stops without writing a point, and B's run is the job's whole curve.
	 */
	@Test
	void aWorkerPausedPastItsLeaseWritesNothingAfterAnotherWorkerTookTheJob() throws Exception {
		long id = management.submit(mapper.readValue(LONG_TRAINING, JobRequest.class)).id();
		JobRow first = queue.claim("worker-a").orElseThrow();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread workerA = new Thread(() -> runner.run(first, run -> {
		}), "worker-a");
		workerA.setUncaughtExceptionHandler((thread, ex) -> failure.set(ex));
		workerA.start();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> curves.pointCount(id) > 0);

		JobRow takenOver = transactions.execute(status -> {
			jdbc.queryForObject("SELECT id FROM jobs WHERE id = ? FOR UPDATE", Long.class, id);
			await().pollInSameThread().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))",
					Long.class) == 1);
			assertThat(queue.recoverExpired(Instant.now().plusSeconds(3600))).isEqualTo(1);
			return queue.claim("worker-b").orElseThrow();
		});
		workerA.join(30_000);

		assertThat(workerA.isAlive()).isFalse();
		assertThat(failure.get()).isNull();
		Job job = management.get(id);
		assertThat(job.status()).isEqualTo("running");
		assertThat(job.worker()).isEqualTo("worker-b");
		assertThat(job.attempt()).isEqualTo(2);
		assertThat(job.progress().iteration()).isZero();
		assertThat(curves.pointCount(id)).isZero();
		assertThat(curve(id).validation().iteration()).isEmpty();

		runner.run(takenOver, run -> {
		});
		Job finished = management.get(id);
		assertThat(finished.status()).isEqualTo("succeeded");
		assertThat(finished.attempt()).isEqualTo(2);
		CurveView curve = curveQuery.curve(id, null, null, (int) ITERATIONS, null);
		assertThat(curve.totalPoints()).isEqualTo(ITERATIONS);
		assertThat(curve.iteration()).isEqualTo(LongStream.range(0, ITERATIONS).boxed().toList());
		assertThat(curve.validation().iteration()).hasSize(50).startsWith(999L).endsWith(ITERATIONS - 1);
	}

	private CurveView curve(long id) {
		return curveQuery.curve(id, null, null, null, null);
	}

}
