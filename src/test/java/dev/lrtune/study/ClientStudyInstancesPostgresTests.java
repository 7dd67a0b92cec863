package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lrtune.PostgresTestDatabase;
import dev.lrtune.TwoInstances;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client-run study on two whole applications sharing one PostgreSQL schema ({@link TwoInstances}): clients asking
 * both instances at once get every trial exactly once, and trials posting their first rung to both instances at once
 * are judged one after the other, each decision replayable from the values recorded before it.
 */
@ExtendWith({ PostgresTestDatabase.class, TwoInstances.class })
class ClientStudyInstancesPostgresTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CANDIDATES = 16;

	private static final int ETA = 3;

	private static int[] ports;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void twoInstances(TwoInstances.Pair instances) {
		ports = new int[] { port(instances.a()), port(instances.b()) };
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@Test
	void askersOnBothInstancesGetEachTrialOnceAndConcurrentRungsAreJudgedInOneOrder() throws Exception {
		String schedules = String.join(", ", IntStream.range(0, CANDIDATES)
			.mapToObj(i -> "{\"type\": \"constant\", \"lr\": " + (i + 1) / 100.0 + "}").toList());
		long study = JSON.readTree(send(ports[0], "POST", "/api/v1/studies", """
				{"runner": "client", "iterations": 30, "candidates": [%s],
				 "strategy": {"type": "successive_halving", "eta": %d, "minIterations": 10}}"""
			.formatted(schedules, ETA)).body()).get("id").asLong();

		List<JsonNode> trials = Collections.synchronizedList(new ArrayList<>());
		everyThreadAtOnce(8, thread -> {
			for (int ask = 0; ask < 3; ask++) {
				HttpResponse<String> asked = send(ports[(thread + ask) % 2], "POST", "/api/v1/studies/" + study + "/ask", null);
				if (asked.statusCode() == 200) {
					trials.add(JSON.readTree(asked.body()));
				}
				else {
					assertThat(asked.statusCode()).isEqualTo(204);
				}
			}
		});
		assertThat(trials).extracting(trial -> trial.get("candidate").asInt())
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, CANDIDATES).boxed().toList());

		// every trial posts its first rung at once, half to each instance; losses in an order unrelated to the posts'
		everyThreadAtOnce(CANDIDATES, i -> {
			long job = trials.get(i).get("jobId").asLong();
			double validation = ((i * 7) % CANDIDATES + 1) / 10.0;
			String body = JSON.writeValueAsString(Map.of("iteration", LongStream.range(0, 10).boxed().toList(),
					"lr", Collections.nCopies(10, 0.1), "loss", Collections.nCopies(10, 1.0),
					"validation", Map.of("iteration", List.of(9), "loss", List.of(validation))));
			assertThat(send(ports[i % 2], "POST", "/api/v1/jobs/" + job + "/points", body).statusCode()).isEqualTo(200);
		});

		JsonNode view = await().atMost(Duration.ofSeconds(30))
			.until(() -> JSON.readTree(send(ports[1], "GET", "/api/v1/studies/" + study, null).body()),
					v -> judgements(v).size() == CANDIDATES);
		List<JsonNode> judged = judgements(view);
		judged.sort((x, y) -> Integer.compare(x.get("ordinal").asInt(), y.get("ordinal").asInt()));
		assertThat(judged).extracting(j -> j.get("ordinal").asInt())
			.containsExactlyElementsOf(IntStream.rangeClosed(1, CANDIDATES).boxed().toList());
		// replayed here: with the first k values sorted, the k-th goes on when at most the one at max(0, ⌊k/eta⌋ − 1)
		for (int k = 1; k <= CANDIDATES; k++) {
			double[] sorted = judged.subList(0, k).stream().mapToDouble(j -> j.get("value").asDouble()).sorted().toArray();
			double value = judged.get(k - 1).get("value").asDouble();
			boolean goesOn = value <= sorted[Math.max(0, k / ETA - 1)];
			assertThat(judged.get(k - 1).get("promoted").asBoolean()).as("judgement %d of %s", k, Arrays.toString(sorted))
				.isEqualTo(goesOn);
		}
	}

	private static List<JsonNode> judgements(JsonNode study) {
		List<JsonNode> all = new ArrayList<>();
		study.get("trials").forEach(trial -> trial.get("judgements").forEach(all::add));
		return all;
	}

	interface Work {

		void run(int thread) throws Exception;

	}

	private static void everyThreadAtOnce(int threads, Work work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Object>> done = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int thread = i;
				done.add(pool.submit(() -> {
					start.await();
					work.run(thread);
					return null;
				}));
			}
			start.countDown();
			for (Future<Object> future : done) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

}
