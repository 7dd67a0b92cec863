package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.lrtune.ServiceOverHttp;

/**
 * An {@code lr_search} over real HTTP on H2: submitted, run by the worker pool, its recommendation read, and the
 * measured rate trained as a plain training job, which reproduces the winning trial and whose loss falls.
 * {@code LrSearchPostgresTests} runs the same on PostgreSQL.
 */
@ServiceOverHttp
class LrSearchEndToEndTests {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	/**
	 * Noisy linear regression: after a range test of 300 steps, 6 rates race for a run of 300 iterations, with eta 3
	 * over rungs of 34, 102 and 300 iterations (6, 2, then 1 rate), then up to 6 whole runs of the climb.
	 */
	static final String SEARCH = """
			{"type": "lr_search", "dataset": "synthetic:linear?samples=600&features=5&noise=0.5&seed=3",
			 "model": {"type": "linear"}, "batchSize": 16, "seed": 4, "lrSearch": {"iterations": 300}}""";

	@LocalServerPort
	private int port;

	@Test
	void theSearchMeasuresARateWithItsEvidenceAndThatRateTrainsAsTheWinningTrialDid() {
		assertSearchEndToEnd(client("http://localhost:" + port + "/api/v1"));
	}

	static RestClient client(String baseUrl) {
		return RestClient.builder().baseUrl(baseUrl).defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
		}).build();
	}

	static void assertSearchEndToEnd(RestClient http) {
		ResponseEntity<Map<String, Object>> submitted = post(http, "/jobs", SEARCH);
		assertThat(submitted.getStatusCode()).as(String.valueOf(submitted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
		Map<String, Object> request = map(submitted.getBody().get("request"));
		assertThat(map(request.get("lrSearch"))).containsEntry("iterations", 300).containsEntry("family", "constant")
			.containsEntry("rates", 6).containsEntry("eta", 3).containsEntry("objective", "last");
		assertThat(map(request.get("rangeTest"))).containsEntry("iterations", 300);
		assertThat(map(submitted.getBody().get("progress"))).containsEntry("totalIterations",
				300 + 6 * 34 + 2 * 102 + 300 + 6 * 300);
		String path = "/jobs/" + submitted.getBody().get("id");
		Map<String, Object> job = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
			.until(() -> get(http, path), j -> !"running".equals(j.get("status")) && !"queued".equals(j.get("status")));
		assertThat(job.get("status")).isEqualTo("succeeded");
		assertThat(job.get("type")).isEqualTo("lr_search");

		Map<String, Object> result = map(job.get("result"));
		Map<String, Object> search = map(result.get("search"));
		Map<String, Object> recommendation = get(http, path + "/recommendation");
		assertThat(recommendation.get("method")).isEqualTo("search");
		double lr = number(recommendation.get("recommendedLr"));
		assertThat(number(search.get("lr"))).isEqualTo(lr);

		// the range test's own answer stays: its suggestions, warnings and pick
		Map<String, Object> rangeTest = map(result.get("recommendation"));
		assertThat(recommendation.get("suggestions")).isEqualTo(rangeTest.get("suggestions"));
		assertThat(recommendation.get("warnings")).isEqualTo(rangeTest.get("warnings"));
		assertThat(map(recommendation.get("rangeTest"))).containsEntry("recommendedLr", rangeTest.get("recommendedLr"))
			.containsEntry("method", rangeTest.get("method"));

		// evidence: the raced rates in increasing order; halving 6 → 2 → 1 over 34, 102 and 300 iterations, then the
		// climb trains quarter-decade neighbours of the best for the whole run; the winner is the best of the last rung
		List<Map<String, Object>> evidence = maps(recommendation.get("evidence"));
		assertThat(evidence).hasSizeGreaterThanOrEqualTo(6);
		assertThat(evidence).extracting(e -> number(e.get("lr"))).isSorted();
		assertThat(evidence.stream().filter(e -> (Boolean) e.get("pruned")))
			.hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy(e -> assertThat((Integer) e.get("rung")).isLessThan(2));
		List<Map<String, Object>> finalists = evidence.stream().filter(e -> !(Boolean) e.get("pruned")).toList();
		assertThat(finalists).hasSizeBetween(2, 7).allSatisfy(e -> {
			assertThat(e.get("rung")).isEqualTo(2);
			assertThat(e.get("iterations")).isEqualTo(300);
		});
		Map<String, Object> winner = finalists.stream()
			.min(Comparator.comparingDouble(e -> number(e.get("validationLoss"))))
			.orElseThrow();
		assertThat(number(winner.get("lr"))).isEqualTo(lr);

		// every iteration trained is in the curve, the range test's first, then each trial's
		List<Map<String, Object>> trials = maps(search.get("trials"));
		assertThat(trials).hasSizeBetween(6 + 2 + 1 + 1, 6 + 2 + 1 + 6);
		long rangeTestPoints = ((Number) search.get("rangeTestIterations")).longValue();
		long trained = trials.stream().mapToLong(t -> ((Number) t.get("iterations")).longValue()).sum();
		assertThat(((Number) recommendation.get("iterationsSpent")).longValue()).isEqualTo(rangeTestPoints + trained);
		assertThat(map(get(http, path).get("progress"))).containsEntry("iteration", (int) (rangeTestPoints + trained))
			.containsEntry("totalIterations", (int) (rangeTestPoints + trained)).containsEntry("fraction", 1.0);
		Map<String, Object> curve = get(http, path + "/curve?maxPoints=100000");
		assertThat(((Number) curve.get("totalPoints")).longValue()).isEqualTo(rangeTestPoints + trained);
		long next = rangeTestPoints;
		for (Map<String, Object> trial : trials) {
			assertThat(((Number) trial.get("firstIteration")).longValue()).isEqualTo(next);
			next += ((Number) trial.get("iterations")).longValue();
		}
		Map<String, Object> winningTrial = trials.stream()
			.filter(t -> number(t.get("lr")) == lr && t.get("rung").equals(2))
			.findFirst()
			.orElseThrow();
		long winnerFirst = ((Number) winningTrial.get("firstIteration")).longValue();
		// a trial judged by its last loss measures the validation split once, after its last iteration
		Map<String, Object> validation = map(curve.get("validation"));
		int at = ((List<?>) validation.get("iteration")).indexOf((int) (winnerFirst + 299));
		assertThat(at).isNotNegative();
		assertThat(((List<?>) validation.get("loss")).get(at)).isEqualTo(winner.get("validationLoss"));

		// the measured rate, trained as an ordinary job with the same seed, is the winning trial again, and learns
		ResponseEntity<Map<String, Object>> training = post(http, "/jobs", """
				{"type": "training", "dataset": "synthetic:linear?samples=600&features=5&noise=0.5&seed=3",
				 "model": {"type": "linear"}, "batchSize": 16, "seed": 4,
				 "training": {"iterations": 300, "evaluateEvery": 0, "schedule": {"type": "constant", "lr": %s}}}"""
			.formatted(lr));
		assertThat(training.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String trainingPath = "/jobs/" + training.getBody().get("id");
		Map<String, Object> trainedJob = await().atMost(Duration.ofMinutes(1))
			.until(() -> get(http, trainingPath), j -> "succeeded".equals(j.get("status")));
		double validationLoss = number(map(trainedJob.get("result")).get("validationLoss"));
		assertThat(validationLoss).isEqualTo(number(winner.get("validationLoss")));
		List<?> trainingLoss = (List<?>) get(http, trainingPath + "/curve").get("loss");
		assertThat(trainingLoss.subList(0, 300)).isEqualTo(((List<?>) curve.get("loss")).subList((int) winnerFirst,
				(int) winnerFirst + 300));
		double firstLoss = number(trainingLoss.get(0));
		assertThat(validationLoss).as("the loss falls at the measured rate").isLessThan(firstLoss / 10);
	}

	static ResponseEntity<Map<String, Object>> post(RestClient http, String path, String body) {
		return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JSON);
	}

	static Map<String, Object> get(RestClient http, String path) {
		return http.get().uri(path).retrieve().body(JSON);
	}

	static double number(Object value) {
		return ((Number) value).doubleValue();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(Object value) {
		return (List<Map<String, Object>>) value;
	}

}
