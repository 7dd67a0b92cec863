package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.web.client.RestClient;

import dev.lrtune.WorkerGate;

/**
 * Jobs survive a restart of the one-command setup (an H2 file database) and end with the curve of an
 * uninterrupted run. The whole application is started on a random port with one worker and driven over HTTP;
 * two jobs of the same request and seed are interrupted, one by a graceful stop and one by a crash written into
 * the database file, and the application is started again. Each recovered job's raw curve is compared, point for
 * point and bit for bit, with a third job of the same request and seed run uninterrupted in the restarted
 * application. Both interruptions share the two starts, which are most of the time this takes.
 */
class RestartTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	/** Iterations of each job: over two curve chunks of 4096 points, so the curves compared span three chunks. */
	private static final int ITERATIONS = 10_000;

	/** Evaluations of each job. */
	private static final int EVALUATIONS = 20;

	/**
	 * On a small network: the assertions compare it with itself, whatever it learns, and the first application's
	 * worker is held at a {@link WorkerGate} in the middle of it however fast it trains.
	 */
	private static final String TRAINING = """
			{"type": "training", "dataset": "synthetic:moons?samples=2000&noise=0.25&seed=5", "seed": 17,
			 "model": {"type": "mlp", "hidden": [8]}, "optimizer": {"type": "sgd", "momentum": 0.9},
			 "training": {"iterations": %d, "evaluateEvery": %d,
			              "schedule": {"type": "one_cycle", "maxLr": 0.2, "totalSteps": %d, "cycleMomentum": true}}}"""
		.formatted(ITERATIONS, ITERATIONS / EVALUATIONS, ITERATIONS);

	@TempDir
	static Path directory;

	/** Stopped gracefully while it ran. */
	private static long stopped;

	/** Left running under an expired lease, with a stale partial curve, as by an instance that died. */
	private static long crashed;

	/** The iteration {@link #stopped} had reached when the application was stopped. */
	private static long stoppedAtIteration;

	/** {@link #stopped}'s row and stored chunks while no application ran. */
	private static Map<String, Object> stoppedRow;

	private static long stoppedChunks;

	/** The restarted application, which recovers both jobs and runs the uninterrupted reference. */
	private static ConfigurableApplicationContext restarted;

	private static long uninterrupted;

	@BeforeAll
	static void interruptTwoJobsAndRestart() throws Exception {
		WorkerGate gate = new WorkerGate();
		try (ConfigurableApplicationContext app = H2FileApplication.start(directory, gate, "0ms")) {
			RestClient http = http(app);
			stopped = submit(http);
			crashed = submit(http); // queued behind the first on the one worker
			// the worker stands still in the middle of the job from here until the stop
			Map<String, Object> progress = gate.stepUntil(() -> http.get().uri("/jobs/{id}", stopped).retrieve().body(JSON),
					job -> "running".equals(job.get("status")) && pointsStored(http, stopped) > 0);
			stoppedAtIteration = ((Number) map(progress.get("progress")).get("iteration")).longValue();
		}

		try (JdbcTemplateOnOneConnection jdbc = database()) {
			stoppedRow = jdbc.queryForMap("SELECT status, attempt, worker FROM jobs WHERE id = ?", stopped);
			stoppedChunks = jdbc.queryForObject("SELECT COUNT(*) FROM curve_chunks WHERE job_id = ?", Long.class, stopped);
			// whatever became of it before the stop, the crashed job is now as a dead instance leaves it
			jdbc.update("DELETE FROM curve_chunks WHERE job_id = ?", crashed);
			jdbc.update("DELETE FROM curve_validations WHERE job_id = ?", crashed);
			jdbc.update("UPDATE jobs SET status = 'running', attempt = 1, worker = 'vanished/0', iteration = 3, "
					+ "started_at = DATEADD('MINUTE', -2, CURRENT_TIMESTAMP), "
					+ "lease_until = DATEADD('MINUTE', -1, CURRENT_TIMESTAMP) WHERE id = ?", crashed);
			byte[] stale = new byte[3 * Double.BYTES]; // three points of lr 0 and loss 0
			jdbc.update("INSERT INTO curve_chunks (job_id, first_iteration, point_count, lr, loss) VALUES (?, 0, 3, ?, ?)",
					crashed, stale, stale);
			jdbc.update("INSERT INTO curve_validations (job_id, iteration, loss, accuracy) VALUES (?, 2, 9.5, 0.1)",
					crashed);
		}

		restarted = H2FileApplication.start(directory, context -> {
		}, "50ms");
		uninterrupted = submit(http(restarted));
	}

	@AfterAll
	static void stopTheRestartedApplication() {
		if (restarted != null) {
			restarted.close();
		}
	}

	/**
	 * The graceful path: closing the context stops {@code Workers} (a {@code SmartLifecycle}, stopped before the
	 * data source closes), which asks the running job to stop at its next iteration and gives it back to the
	 * queue with {@code Jobs.release}: status {@code queued}, the attempt not counted, the partial curve deleted in
	 * the same transaction. The fresh application claims it like any queued job and re-runs it from the start.
	 */
	@Test
	void aJobRunningWhenTheApplicationStopsIsRunAgainAfterARestartAndEndsWithTheUninterruptedCurve() {
		assertThat(stoppedAtIteration).isLessThan(ITERATIONS);
		assertThat(stoppedRow).containsEntry("STATUS", "queued").containsEntry("ATTEMPT", 0).containsEntry("WORKER", null);
		assertThat(stoppedChunks).isZero();

		assertRecoveredCurveEqualsAnUninterruptedRun(stopped);
	}

	/**
	 * The crash path: an instance that died leaves its job {@code running} under a lease nobody renews, and maybe
	 * a partial curve. The state is written into the database file directly (a JVM cannot kill itself mid-test):
	 * the lease expired a minute ago and a stale chunk and evaluation are stored. The fresh application's
	 * recovery at start-up ({@code JobQueue.recoverExpired}) deletes that curve and re-queues the job in one
	 * transaction, and the job re-runs from the start.
	 */
	@Test
	void aJobWhoseInstanceDiedIsTakenOverAfterItsLeaseExpiredAndEndsWithTheUninterruptedCurve() {
		assertRecoveredCurveEqualsAnUninterruptedRun(crashed);
	}

	private static void assertRecoveredCurveEqualsAnUninterruptedRun(long id) {
		RestClient http = http(restarted);
		Map<String, Object> recovered = finished(http, id);
		assertThat(recovered.get("status")).isEqualTo("succeeded");
		assertThat(uninterrupted).isNotEqualTo(id);
		assertThat(finished(http, uninterrupted).get("status")).isEqualTo("succeeded");

		Map<String, Object> curve = curve(http, id);
		Map<String, Object> reference = curve(http, uninterrupted);
		assertThat(curve.get("totalPoints")).isEqualTo(ITERATIONS);
		assertThat(list(curve.get("iteration"))).hasSize(ITERATIONS).startsWith(0, 1).endsWith(ITERATIONS - 1);
		// Double.equals compares bits, and JSON carries each double's shortest exact form
		assertThat(curve.get("lr")).isEqualTo(reference.get("lr"));
		assertThat(curve.get("momentum")).isEqualTo(reference.get("momentum"));
		assertThat(curve.get("loss")).isEqualTo(reference.get("loss"));
		assertThat(curve.get("validation")).isEqualTo(reference.get("validation"));
		assertThat(list(map(curve.get("validation")).get("iteration"))).hasSize(EVALUATIONS)
			.startsWith(ITERATIONS / EVALUATIONS - 1).endsWith(ITERATIONS - 1);
		assertThat(map(recovered.get("result"))).isEqualTo(map(finished(http, uninterrupted).get("result")));
	}



	/** The database file, opened while no application has it open. */
	private static JdbcTemplateOnOneConnection database() throws SQLException {
		return new JdbcTemplateOnOneConnection(
				DriverManager.getConnection(H2FileApplication.url(directory), "sa", ""));
	}

	private static RestClient http(ConfigurableApplicationContext app) {
		return RestClient.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1");
	}

	private static long submit(RestClient http) {
		Map<String, Object> job = http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).body(TRAINING)
			.retrieve()
			.body(JSON);
		return ((Number) job.get("id")).longValue();
	}

	private static long pointsStored(RestClient http, long id) {
		return ((Number) http.get().uri("/jobs/{id}/curve?maxPoints=10", id).retrieve().body(JSON).get("totalPoints"))
			.longValue();
	}

	private static Map<String, Object> finished(RestClient http, long id) {
		return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(
				() -> http.get().uri("/jobs/{id}", id).retrieve().body(JSON),
				job -> !List.of("queued", "running").contains(job.get("status")));
	}

	private static Map<String, Object> curve(RestClient http, long id) {
		return http.get().uri("/jobs/{id}/curve", id).retrieve().body(JSON);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	/** A {@link JdbcTemplate} on one connection that closing it closes. */
	private static final class JdbcTemplateOnOneConnection extends JdbcTemplate implements AutoCloseable {

		private final Connection connection;

		JdbcTemplateOnOneConnection(Connection connection) {
			super(new SingleConnectionDataSource(connection, true));
			this.connection = connection;
		}

		@Override
		public void close() throws SQLException {
			connection.close();
		}

	}

}
