package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.web.client.RestClient;

import dev.lrtune.WorkerGate;

/**
 * Two {@code lr_search} jobs of the same request and seed interrupted in the middle of their race, on any database:
 * one by a graceful stop of the instance running it, one left as an instance that died leaves it (running under an
 * expired lease, with a stale partial curve). A second start (the same instance again, or another one) recovers
 * both, and runs a third, uninterrupted search of the same request as the reference their answers must equal.
 * The recovered searches run again from the start: the same seed gives the same range test, the same raced rates
 * and the same trials, so the same answer. The first instance's worker is held at a {@link WorkerGate} once the
 * search is in its race, so the stop lands there however fast the search trains; its model is small for that.
 */
final class InterruptedSearches {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	/** The range test's steps: progress beyond them is in the race. */
	static final int RANGE_TEST_STEPS = 100;

	/**
	 * A range test of 100 steps, then 6 rates for 167 iterations, 2 for 501 and 1 for 1,500, then the climb's whole
	 * runs, on a small network: the assertions compare it with itself, whatever it learns.
	 */
	static final String SEARCH = """
			{"type": "lr_search", "dataset": "synthetic:moons?samples=2000&noise=0.25&seed=5", "seed": 17,
			 "model": {"type": "mlp", "hidden": [8]}, "optimizer": {"type": "sgd", "momentum": 0.9},
			 "rangeTest": {"iterations": %d}, "lrSearch": {"iterations": 1500}}""".formatted(RANGE_TEST_STEPS);

	/** Stopped gracefully in its race. */
	long stopped;

	/** Left running under an expired lease with a stale partial curve. */
	long crashed;

	/** The progress {@link #stopped} had made when its instance stopped. */
	long stoppedAt;

	/** {@link #stopped}'s row while no instance ran. */
	Map<String, Object> stoppedRow;

	long stoppedPoints;

	/** The instance that recovered both. */
	ConfigurableApplicationContext second;

	long uninterrupted;

	/**
	 * @param first starts the instance the searches are interrupted on, with one worker, this gate as its clock
	 *     ({@link WorkerGate#initialize}) and {@code lrtune.curves.flush-interval=0ms}, so that its progress is
	 *     stored every 64 iterations
	 * @param then starts the instance that recovers them (the same one restarted, or another)
	 * @param database opens a connection to the database while neither instance has its jobs
	 */
	static InterruptedSearches run(Function<WorkerGate, ConfigurableApplicationContext> first,
			Supplier<ConfigurableApplicationContext> then, Callable<Connection> database) throws Exception {
		InterruptedSearches searches = new InterruptedSearches();
		WorkerGate gate = new WorkerGate();
		try (ConfigurableApplicationContext app = first.apply(gate)) {
			RestClient http = http(app);
			searches.stopped = submit(http);
			searches.crashed = submit(http); // queued behind the first on the one worker
			// the worker stands still in the race from here until the stop
			Map<String, Object> running = gate.stepUntil(
					() -> http.get().uri("/jobs/{id}", searches.stopped).retrieve().body(JSON),
					job -> "running".equals(job.get("status")) && iteration(job) > RANGE_TEST_STEPS);
			searches.stoppedAt = iteration(running);
		}
		try (Connection connection = database.call()) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			searches.stoppedRow = jdbc.queryForMap("SELECT status, attempt, worker FROM jobs WHERE id = ?", searches.stopped);
			searches.stoppedPoints = jdbc.queryForObject("SELECT COUNT(*) FROM curve_chunks WHERE job_id = ?", Long.class,
					searches.stopped);
			// whatever became of it before the stop, the second search is now as an instance that died in its race
			// leaves it
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			jdbc.update("DELETE FROM curve_chunks WHERE job_id = ?", searches.crashed);
			jdbc.update("DELETE FROM curve_validations WHERE job_id = ?", searches.crashed);
			jdbc.update("UPDATE jobs SET status = 'running', attempt = 1, worker = 'vanished/0', iteration = ?, "
					+ "started_at = ?, lease_until = ? WHERE id = ?", RANGE_TEST_STEPS + 3, now.minusMinutes(2),
					now.minusMinutes(1), searches.crashed);
			byte[] stale = new byte[3 * Double.BYTES]; // three points of lr 0 and loss 0
			jdbc.update("INSERT INTO curve_chunks (job_id, first_iteration, point_count, lr, loss) VALUES (?, 0, 3, ?, ?)",
					searches.crashed, stale, stale);
		}
		searches.second = then.get();
		searches.uninterrupted = submit(http(searches.second));
		return searches;
	}

	/** The graceful stop gave the search back to the queue, its partial curve deleted and the attempt not counted. */
	void assertStoppedInTheRaceAndReleased() {
		assertThat(stoppedAt).isGreaterThan(RANGE_TEST_STEPS);
		// the row's column names are upper case on H2 and lower case on PostgreSQL; its map reads either
		assertThat(stoppedRow.get("status")).isEqualTo("queued");
		assertThat(((Number) stoppedRow.get("attempt")).intValue()).isZero();
		assertThat(stoppedRow.get("worker")).isNull();
		assertThat(stoppedPoints).isZero();
	}

	/**
	 * The recovered search finished with the uninterrupted one's answer: the same measured rate, evidence, trials and
	 * iterations, the same recommendation, and the same curve point for point.
	 */
	void assertSameAnswerAsUninterrupted(long id) {
		RestClient http = http(second);
		Map<String, Object> recovered = finished(http, id);
		Map<String, Object> reference = finished(http, uninterrupted);
		assertThat(uninterrupted).isNotEqualTo(id);
		assertThat(recovered.get("status")).isEqualTo("succeeded");
		assertThat(reference.get("status")).isEqualTo("succeeded");
		Map<String, Object> search = map(map(recovered.get("result")).get("search"));
		assertThat(search.get("lr")).isNotNull();
		assertThat(list(search.get("trials")).size()).isGreaterThan(6);
		// Double.equals compares bits, and JSON carries each double's shortest exact form
		assertThat(recovered.get("result")).isEqualTo(reference.get("result"));
		assertThat(recovered.get("progress")).isEqualTo(reference.get("progress"));
		assertThat(get(http, "/jobs/{id}/recommendation", id)).isEqualTo(get(http, "/jobs/{id}/recommendation", uninterrupted));
		Map<String, Object> curve = get(http, "/jobs/{id}/curve", id);
		Map<String, Object> referenceCurve = get(http, "/jobs/{id}/curve", uninterrupted);
		assertThat(curve.get("totalPoints")).isEqualTo(referenceCurve.get("totalPoints"));
		assertThat(list(curve.get("iteration"))).startsWith(0, 1);
		assertThat(curve.get("lr")).isEqualTo(referenceCurve.get("lr"));
		assertThat(curve.get("loss")).isEqualTo(referenceCurve.get("loss"));
		assertThat(curve.get("validation")).isEqualTo(referenceCurve.get("validation"));
	}

	/** The worker that ran the job to its end ({@code instance/thread}). */
	String worker(long id) {
		return (String) finished(http(second), id).get("worker");
	}

	void close() {
		if (second != null) {
			second.close();
		}
	}

	static RestClient http(ConfigurableApplicationContext app) {
		return RestClient.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1");
	}

	private static long submit(RestClient http) {
		Map<String, Object> job = http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).body(SEARCH)
			.retrieve()
			.body(JSON);
		return ((Number) job.get("id")).longValue();
	}

	private static long iteration(Map<String, Object> job) {
		return ((Number) map(job.get("progress")).get("iteration")).longValue();
	}

	private static Map<String, Object> finished(RestClient http, long id) {
		return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(
				() -> get(http, "/jobs/{id}", id), job -> !List.of("queued", "running").contains(job.get("status")));
	}

	private static Map<String, Object> get(RestClient http, String uri, long id) {
		return http.get().uri(uri, id).retrieve().body(JSON);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

}
