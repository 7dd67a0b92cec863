package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import dev.lrtune.PostgresTestDatabase;
import dev.lrtune.ServerSentEvents;
import dev.lrtune.ServerSentEvents.Event;
import dev.lrtune.TwoInstances;

/**
 * Several instances on one PostgreSQL: two whole applications (each with its own port, worker pool of
 * two threads and {@code lrtune.instance-id}) share a schema of their own ({@link TwoInstances}) and are driven over
 * HTTP. Each job runs exactly once, on one of them, and either instance serves any job: its curve, its stream and its
 * cancel.
 */
@ExtendWith({ PostgresTestDatabase.class, TwoInstances.class })
class SeveralInstancesPostgresTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final int JOBS = 500;

	private static final int ITERATIONS = 20;

	private static final int SUBMITTERS = 4;

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	// one client per instance for the class: a RestClient made per call opens an HttpClient (and its selector
	// thread) each time
	private static RestClient httpA;

	private static RestClient httpB;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void twoInstances(TwoInstances.Pair instances) {
		a = instances.a();
		b = instances.b();
		httpA = RestClient.create("http://localhost:" + port(a) + "/api/v1");
		httpB = RestClient.create("http://localhost:" + port(b) + "/api/v1");
	}

	@Test
	void fiveHundredJobsSubmittedToBothInstancesEachRunOnceWithTheirWholeCurve() throws Exception {
		List<Long> ids = new ArrayList<>();
		// four clients, two per instance, each submitting its own seeds
		ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
		try {
			List<Future<List<Long>>> parts = new ArrayList<>();
			for (int client = 0; client < SUBMITTERS; client++) {
				ConfigurableApplicationContext app = client % 2 == 0 ? a : b;
				int first = client * (JOBS / SUBMITTERS);
				parts.add(submitters.submit(() -> {
					RestClient http = http(app);
					List<Long> submitted = new ArrayList<>();
					for (int seed = first; seed < first + JOBS / SUBMITTERS; seed++) {
						submitted.add(submit(http, tinyJob(seed)));
					}
					return submitted;
				}));
			}
			for (Future<List<Long>> part : parts) {
				ids.addAll(part.get());
			}
		}
		finally {
			submitters.shutdown();
		}
		assertThat(ids).hasSize(JOBS).doesNotHaveDuplicates();
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
		String in = " WHERE id IN (" + String.join(",", ids.stream().map(String::valueOf).toList()) + ")";
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
				"SELECT COUNT(*) FROM jobs" + in + " AND status IN ('queued', 'running')", Long.class) == 0);

		List<Map<String, Object>> jobs = jdbc.queryForList("SELECT id, status, attempt, worker FROM jobs" + in);
		assertThat(jobs).hasSize(JOBS).allSatisfy(job -> {
			assertThat(job.get("status")).isEqualTo("succeeded");
			assertThat(job.get("attempt")).isEqualTo(1);
			assertThat((String) job.get("worker")).matches("instance-[ab]/[01]");
		});
		assertThat(jobs).extracting(job -> ((String) job.get("worker")).substring(0, "instance-a".length()))
			.contains("instance-a", "instance-b");

		// every stored chunk of these curves: none overlaps another, and together they cover 0…ITERATIONS−1
		List<Map<String, Object>> coverage = jdbc.queryForList("SELECT job_id, SUM(point_count) AS points, "
				+ "MIN(first_iteration) AS first, MAX(first_iteration + point_count) AS last FROM curve_chunks"
				+ in.replace("id IN", "job_id IN") + " GROUP BY job_id");
		assertThat(coverage).hasSize(JOBS).allSatisfy(curve -> {
			assertThat(((Number) curve.get("points")).longValue()).isEqualTo(ITERATIONS);
			assertThat(((Number) curve.get("first")).longValue()).isZero();
			assertThat(((Number) curve.get("last")).longValue()).isEqualTo(ITERATIONS);
		});
		// and as the API serves them (every fifth, to keep the test short), each from the instance it was not
		// submitted to
		List<Object> expected = LongStream.range(0, ITERATIONS).mapToObj(i -> (Object) (int) i).toList();
		for (int i = 0; i < ids.size(); i += 5) {
			ConfigurableApplicationContext submittedTo = (i / (JOBS / SUBMITTERS)) % 2 == 0 ? a : b;
			Map<String, Object> curve = http(submittedTo == a ? b : a).get().uri("/jobs/{id}/curve", ids.get(i))
				.retrieve()
				.body(JSON);
			assertThat(curve.get("iteration")).isEqualTo(expected);
			assertThat(curve.get("totalPoints")).isEqualTo(ITERATIONS);
		}
	}

	@Test
	void theInstanceThatDoesNotRunAJobServesItsCurveAndStreamAndItsCancelStopsIt() throws Exception {
		long id = submit(http(a), """
				{"type": "training", "dataset": "synthetic:moons?samples=2000&noise=0.2&seed=7", "seed": 3,
				 "model": {"type": "mlp", "hidden": [32, 32]}, "optimizer": {"type": "sgd", "momentum": 0.9},
				 "training": {"iterations": 5000000, "evaluateEvery": 1000, "schedule": {"type": "constant", "lr": 0.05}}}""");
		Map<String, Object> running = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> http(a).get().uri("/jobs/{id}", id).retrieve().body(JSON),
					job -> "running".equals(job.get("status")) && ((Number) progress(job).get("iteration")).longValue() > 0);
		String worker = (String) running.get("worker");
		assertThat(worker).matches("instance-[ab]/[01]");
		ConfigurableApplicationContext other = worker.startsWith("instance-a") ? b : a;

		CompletableFuture<List<Event>> stream = CompletableFuture.supplyAsync(() -> stream(other, id));
		Map<String, Object> partial = http(other).get().uri("/jobs/{id}/curve", id).retrieve().body(JSON);
		assertThat(((Number) partial.get("totalPoints")).longValue()).isPositive();
		assertThat((List<Object>) list(partial.get("iteration"))).startsWith(0);

		Map<String, Object> cancel = http(other).post().uri("/jobs/{id}/cancel", id).retrieve().body(JSON);
		assertThat(cancel.get("status")).isIn("running", "cancelled");
		Map<String, Object> cancelled = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> http(other).get().uri("/jobs/{id}", id).retrieve().body(JSON),
					job -> !"running".equals(job.get("status")));

		assertThat(cancelled.get("status")).isEqualTo("cancelled");
		assertThat(cancelled.get("worker")).isEqualTo(worker);
		long iterations = ((Number) progress(cancelled).get("iteration")).longValue();
		assertThat(iterations).isPositive().isLessThan(5_000_000);
		Map<String, Object> kept = http(other).get().uri("/jobs/{id}/curve?maxPoints=100000", id).retrieve().body(JSON);
		assertThat(((Number) kept.get("totalPoints")).longValue()).isEqualTo(iterations);

		List<Event> events = stream.get();
		assertThat(events.get(events.size() - 1)).isEqualTo(new Event("status", Map.of("id", (int) id, "status", "cancelled")));
		List<Object> streamed = events.stream()
			.filter(e -> e.name().equals("points"))
			.flatMap(e -> list(e.data().get("iteration")).stream())
			.toList();
		assertThat(streamed).hasSize((int) iterations).startsWith(0).endsWith((int) iterations - 1);
	}

	private static String tinyJob(int seed) {
		return """
				{"type": "training", "dataset": "synthetic:linear?samples=64&seed=1", "model": {"type": "linear"},
				 "batchSize": 8, "seed": %d, "training": {"iterations": %d, "evaluateEvery": 10,
				 "schedule": {"type": "constant", "lr": 0.05}}}""".formatted(seed, ITERATIONS);
	}

	private static int port(ConfigurableApplicationContext app) {
		return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

	private static RestClient http(ConfigurableApplicationContext app) {
		return app == a ? httpA : httpB;
	}

	private static long submit(RestClient http, String body) {
		Map<String, Object> job = http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).body(body)
			.retrieve()
			.body(JSON);
		return ((Number) job.get("id")).longValue();
	}

	/** Reads {@code GET /jobs/{id}/curve/stream} from {@code app} to its end (the server completes it). */
	private List<Event> stream(ConfigurableApplicationContext app, long id) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port(app) + "/api/v1/jobs/" + id + "/curve/stream"))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(60))
			.build();
		try {
			HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			return ServerSentEvents.read(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> progress(Map<String, Object> job) {
		return map(job.get("progress"));
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
