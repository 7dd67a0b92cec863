package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lrtune.ServiceWithApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ?wait=} over real HTTP, with API keys and the workers off (a job stays queued until a test ends it): a waiting
 * request still needs a key, is measured by {@code http.server.requests} once answered, is answered by a cancel
 * through the API, and by the periodic check when the job is ended in the database as another instance would.
 */
@ServiceWithApiKeys
class JobWaitApiTests {

	private static final String KEY = ServiceWithApiKeys.FIRST_KEY;

	/** A wait that something else must end; the test awaits its answer for far less. */
	private static final String LONGEST_WAIT = "60";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry registry;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aWaitNeedsAKeyAndAnAnswerOutOfBoundsIsA400Problem() throws Exception {
		long id = queuedRangeTest();
		HttpResponse<String> withoutKey = http.send(HttpRequest.newBuilder(uri("/api/v1/jobs/" + id + "?wait=" + LONGEST_WAIT))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(withoutKey.statusCode()).isEqualTo(401);

		HttpResponse<String> tooLong = get("/api/v1/jobs/" + id + "/recommendation?wait=61").join();
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(tooLong.body()).get("errors").get(0).get("field").asString()).isEqualTo("wait");
	}

	@Test
	void aRecommendationWaitedForIsMeasuredOnceAnsweredWithTheJobAsItIsWhenTheWaitEnds() throws Exception {
		long id = queuedRangeTest();
		long before = recommendationTimerCount(409);

		HttpResponse<String> answer = get("/api/v1/jobs/" + id + "/recommendation?wait=0.2").get(20, TimeUnit.SECONDS);

		assertThat(answer.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(answer.body()).get("detail").asString()).isEqualTo("Job " + id
				+ " is queued; its recommendation exists once it has run.");
		assertThat(recommendationTimerCount(409)).as("http.server.requests of the waited 409").isEqualTo(before + 1);
	}

	@Test
	void aCancelThroughTheApiAnswersTheRequestsWaitingForTheJob() throws Exception {
		long id = queuedRangeTest();
		CompletableFuture<HttpResponse<String>> job = get("/api/v1/jobs/" + id + "?wait=" + LONGEST_WAIT);
		CompletableFuture<HttpResponse<String>> recommendation = get("/api/v1/jobs/" + id + "/recommendation?wait="
				+ LONGEST_WAIT);
		awaitWaiting(id, 2);

		HttpResponse<String> cancelled = http.send(HttpRequest.newBuilder(uri("/api/v1/jobs/" + id + "/cancel"))
			.header("X-API-Key", KEY)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(cancelled.statusCode()).isEqualTo(200);

		assertThat(status(job.get(20, TimeUnit.SECONDS))).isEqualTo("cancelled");
		HttpResponse<String> refused = recommendation.get(20, TimeUnit.SECONDS);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("is cancelled");
	}

	@Test
	void aJobEndedByAnotherInstanceIsFoundByThePeriodicCheckAndReadFromTheDatabase() throws Exception {
		long id = queuedRangeTest();
		assertThat(status(get("/api/v1/jobs/" + id).join())).as("read once, so a view is cached").isEqualTo("queued");
		CompletableFuture<HttpResponse<String>> job = get("/api/v1/jobs/" + id + "?wait=" + LONGEST_WAIT);
		awaitWaiting(id, 1);

		// another instance sharing the database ends it: nothing here is told
		assertThat(jdbc.update("UPDATE jobs SET status = 'failed', error = 'ended elsewhere', finished_at = "
				+ "CURRENT_TIMESTAMP WHERE id = ?", id)).isEqualTo(1);

		HttpResponse<String> answer = job.get(20, TimeUnit.SECONDS);
		assertThat(status(answer)).isEqualTo("failed");
		assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo("ended elsewhere");
		assertThat(status(get("/api/v1/jobs/" + id).join())).as("the fast path's view was refreshed too")
			.isEqualTo("failed");
	}

	@Autowired
	private JobWaits waits;

	/** Waits (briefly) until the requests sent have reached the server and wait there. */
	private void awaitWaiting(long id, int requests) throws InterruptedException {
		for (int i = 0; i < 2000 && waits.waiting() < requests; i++) {
			Thread.sleep(5);
		}
		assertThat(waits.waiting()).as("requests waiting for job %d", id).isGreaterThanOrEqualTo(requests);
	}

	private long recommendationTimerCount(int status) {
		return registry.find("http.server.requests")
			.tag("uri", "/api/v1/jobs/{id}/recommendation")
			.tag("status", String.valueOf(status))
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private long queuedRangeTest() throws Exception {
		HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"type": "range_test", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
					 "seed": 1, "rangeTest": {"iterations": 50}}"""))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		return JSON.readTree(submitted.body()).get("id").asLong();
	}

	private CompletableFuture<HttpResponse<String>> get(String path) {
		return http.sendAsync(HttpRequest.newBuilder(uri(path)).header("X-API-Key", KEY).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String status(HttpResponse<String> job) {
		assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
		JsonNode node = JSON.readTree(job.body());
		return node.get("status").asString();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
