package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.TestPropertySource;

import dev.lrtune.curve.CurveQuery;
import dev.lrtune.curve.CurveView;
import dev.lrtune.curve.Curves;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.MovableClock;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.run.JobRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workers survive a database outage. The data source is switched off mid-run (every new connection is refused
 * as Hikari refuses one after its timeout), and the worker, driven step by step like {@link QueueScenarios}, must
 * neither fail its job nor lose a point: within its lease it goes on where it was; past its lease it stops,
 * and the job re-runs from the start. Both end with the curve of an uninterrupted run. The lease runs out when the
 * test moves the context's {@link MovableClock} past it, not by waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestPropertySource(properties = { "lrtune.workers.enabled=false", "lrtune.curves.flush-interval=0ms",
		"lrtune.jobs.lease-duration=3s" })
class DatabaseOutageWorkerTests {

	private static final String TRAINING = """
			{"type": "training", "dataset": "synthetic:moons?samples=400&noise=0.2&seed=3", "seed": 11,
			 "model": {"type": "mlp", "hidden": [8]}, "optimizer": {"type": "sgd", "momentum": 0.9},
			 "training": {"iterations": 6000, "evaluateEvery": 1000,
			              "schedule": {"type": "cosine", "lr": 0.2, "tMax": 6000}}}""";

	static final AtomicBoolean down = new AtomicBoolean();

	static final AtomicInteger refused = new AtomicInteger();

	@Autowired
	JobManagement management;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRunner runner;

	@Autowired
	Curves curves;

	@Autowired
	CurveQuery curveQuery;

	@Autowired
	JsonMapper mapper;

	@Autowired
	MovableClock clock;

	@AfterEach
	void databaseBack() {
		down.set(false);
	}

	@Test
	void aWorkerWaitsForTheDatabaseWithinItsLeaseAndItsJobGoesOnToTheUninterruptedCurve() throws Exception {
		CurveView uninterrupted = uninterruptedCurve();
		long id = submit();
		Thread worker = start(queue.claim("worker-a").orElseThrow());
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> curves.pointCount(id) > 0);

		int before = refused.get();
		down.set(true);
		await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() >= before + 2);
		assertThat(worker.isAlive()).isTrue();
		down.set(false);
		worker.join(60_000);

		Job job = management.get(id);
		assertThat(job.status()).isEqualTo("succeeded");
		assertThat(job.attempt()).isEqualTo(1);
		assertThat(job.worker()).isEqualTo("worker-a");
		assertThat(curve(id).lr()).isEqualTo(uninterrupted.lr());
		assertThat(curve(id).loss()).isEqualTo(uninterrupted.loss());
		assertThat(curve(id).validation()).isEqualTo(uninterrupted.validation());
	}

	@Test
	void aWorkerWhoseLeaseRunsOutWhileTheDatabaseIsDownStopsAndTheJobIsRunAgainFromTheStart() throws Exception {
		CurveView uninterrupted = uninterruptedCurve();
		long id = submit();
		Thread worker = start(queue.claim("worker-a").orElseThrow());
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> curves.pointCount(id) > 0);

		int before = refused.get();
		down.set(true);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> refused.get() > before);
		clock.advance(Duration.ofSeconds(4)); // past the 3 s lease it held before the database went down
		worker.join(60_000); // it gives up at its next try, its lease having run out
		assertThat(worker.isAlive()).isFalse();
		down.set(false);

		Job stopped = management.get(id);
		assertThat(stopped.status()).isEqualTo("running");
		assertThat(stopped.worker()).isEqualTo("worker-a");
		assertThat(queue.recoverExpired(Instant.now().plusSeconds(3600))).isEqualTo(1);
		runner.run(queue.claim("worker-b").orElseThrow(), run -> {
		});
		Job job = management.get(id);
		assertThat(job.status()).isEqualTo("succeeded");
		assertThat(job.attempt()).isEqualTo(2);
		assertThat(curve(id).lr()).isEqualTo(uninterrupted.lr());
		assertThat(curve(id).loss()).isEqualTo(uninterrupted.loss());
		assertThat(curve(id).validation()).isEqualTo(uninterrupted.validation());
	}

	private CurveView uninterruptedCurve() {
		long reference = submit();
		runner.run(queue.claim("worker-z").orElseThrow(), run -> {
		});
		assertThat(management.get(reference).status()).isEqualTo("succeeded");
		return curve(reference);
	}

	private Thread start(JobRow claimed) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread worker = new Thread(() -> runner.run(claimed, run -> {
		}), "worker-a");
		worker.setUncaughtExceptionHandler((thread, ex) -> failure.set(ex));
		worker.start();
		return worker;
	}

	private long submit() {
		return management.submit(mapper.readValue(TRAINING, JobRequest.class)).id();
	}

	private CurveView curve(long id) {
		return curveQuery.curve(id, null, null, 6000, null);
	}

	@TestConfiguration
	static class SwitchableDatabase {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

		@Bean
		static BeanPostProcessor switchableDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return bean instanceof DataSource dataSource && !(bean instanceof Switchable)
							? new Switchable(dataSource) : bean;
				}
			};
		}

	}

	/** Refuses new connections while {@link #down} is set, the way Hikari does once its timeout passed. */
	static class Switchable extends DelegatingDataSource {

		Switchable(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			refuseWhileDown();
			return super.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			refuseWhileDown();
			return super.getConnection(username, password);
		}

		private static void refuseWhileDown() throws SQLTransientConnectionException {
			if (down.get()) {
				refused.incrementAndGet();
				throw new SQLTransientConnectionException(
						"HikariPool-1 - Connection is not available, request timed out after 3000ms.");
			}
		}

	}

}
