package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.lrtune.DocumentedResponses;
import dev.lrtune.ServiceOverHttp;
import dev.lrtune.job.run.WarmUp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Over real HTTP against an in-memory H2 database: submit, wait, read the curve back. */
@ServiceOverHttp
class JobsEndToEndTests {

	private static final String CYCLIC = """
			{"type": "cyclic", "baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 25, "mode": "triangular2",
			 "cycleMomentum": true}""";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private WarmUp warmUp;

	private RestClient http;

	@BeforeEach
	void connect() {
		http = DocumentedResponses.client(port, "")
			.build();
	}

	@Test
	void aTrainingJobWithACyclicScheduleRecordsEveryIterationAtTheRateAndMomentumThePreviewGives() {
		ResponseEntity<Map<String, Object>> submitted = http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "training", "dataset": "synthetic:moons?samples=500&noise=0.2&seed=7",
				 "model": {"type": "mlp", "hidden": [16]}, "optimizer": {"type": "sgd", "momentum": 0.9}, "seed": 42,
				 "training": {"iterations": 300, "evaluateEvery": 50, "schedule": %s}}""".formatted(CYCLIC))
			.retrieve()
			.toEntity(JSON);
		assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		URI location = submitted.getHeaders().getLocation();
		assertThat(location).hasToString("/api/v1/jobs/" + submitted.getBody().get("id"));

		Map<String, Object> job = awaitFinished(location);
		assertThat(job.get("status")).isEqualTo("succeeded");
		assertThat((Map<String, Object>) job.get("progress")).containsEntry("iteration", 300).containsEntry("fraction", 1.0);
		assertThat((Map<String, Object>) job.get("request")).containsEntry("seed", 42).containsEntry("batchSize", 32);

		Map<String, Object> curve = http.get().uri(location + "/curve").retrieve().body(JSON);
		Map<String, Object> preview = http.post().uri("/api/v1/schedules/preview").contentType(MediaType.APPLICATION_JSON)
			.body("{\"schedule\": " + CYCLIC + ", \"steps\": 300}")
			.retrieve()
			.body(JSON);
		assertThat(curve.get("totalPoints")).isEqualTo(300);
		assertThat((List<Object>) curve.get("iteration")).hasSize(300).startsWith(0, 1, 2).endsWith(299);
		assertThat(curve.get("lr")).isEqualTo(preview.get("lr"));
		assertThat(curve.get("momentum")).isEqualTo(preview.get("momentum"));
		assertThat((List<Object>) curve.get("loss")).hasSize(300).doesNotContainNull();
		assertThat((Map<String, Object>) curve.get("validation")).containsEntry("iteration", List.of(49, 99, 149, 199, 249, 299));
	}

	@Test
	void aRangeTestJobRecommendsWhatTheAnalysisOfItsOwnCurveRecommends() {
		URI location = http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "range_test", "dataset": "synthetic:moons?samples=1000&seed=7", "model": {"type": "logistic"},
				 "seed": 3, "rangeTest": {"startLr": 1e-5, "endLr": 100, "iterations": 300}}""")
			.retrieve()
			.toEntity(JSON)
			.getHeaders()
			.getLocation();

		Map<String, Object> job = awaitFinished(location);
		assertThat(job.get("status")).isEqualTo("succeeded");
		assertThat((Map<String, Object>) job.get("progress")).containsEntry("iteration", 300).containsEntry("fraction", 1.0);
		Map<String, Object> recommendation = http.get().uri(location + "/recommendation").retrieve().body(JSON);
		Map<String, Object> curve = http.get().uri(location + "/curve").retrieve().body(JSON);
		Map<String, Object> analysis = http.post().uri("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("lr", curve.get("lr"), "loss", curve.get("loss")))
			.retrieve()
			.body(JSON);
		assertThat(recommendation).containsKeys("recommendedLr", "method", "suggestions", "cyclicBounds")
			.isEqualTo(analysis)
			.isEqualTo(((Map<String, Object>) job.get("result")).get("recommendation"));
	}

	@Test
	void aFloat32NetworkTrainsAlongsideItsFloat64TwinAndTheRequestSaysWhichItWas() {
		Map<String, Object> float64 = awaitFinished(submitMlpTraining("float64"));
		URI float32Location = submitMlpTraining("float32");
		Map<String, Object> float32 = awaitFinished(float32Location);

		assertThat(float32.get("status")).isEqualTo("succeeded");
		assertThat((Map<String, Object>) ((Map<String, Object>) float32.get("request")).get("model"))
			.containsEntry("precision", "float32");
		List<Number> losses64 = lossCurve(float64);
		List<Number> losses32 = lossCurve(float32);
		assertThat(losses32).hasSameSizeAs(losses64).isNotEqualTo(losses64);
		for (int i = 0; i < losses64.size(); i++) {
			// the same seed and batches: float32's rounding moves each minibatch loss by far less than 1 %
			assertThat(losses32.get(i).doubleValue()).as("loss at iteration %d", i)
				.isCloseTo(losses64.get(i).doubleValue(), org.assertj.core.data.Percentage.withPercentage(1));
		}
		assertThat(lossCurve(awaitFinished(submitMlpTraining("float32")))).as("same request, same bits")
			.isEqualTo(losses32);
	}

	private URI submitMlpTraining(String precision) {
		return http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "training", "dataset": "synthetic:moons?samples=500&noise=0.2&seed=7",
				 "model": {"type": "mlp", "hidden": [32, 16], "precision": "%s"}, "seed": 11,
				 "training": {"iterations": 100, "schedule": {"type": "constant", "lr": 0.05}}}""".formatted(precision))
			.retrieve()
			.toEntity(JSON)
			.getHeaders()
			.getLocation();
	}

	private List<Number> lossCurve(Map<String, Object> job) {
		return (List<Number>) http.get().uri("/api/v1/jobs/" + job.get("id") + "/curve").retrieve().body(JSON).get("loss");
	}

	@Test
	void aWorkerThatClaimsAJobStopsTheStartUpWarmUpForGood() {
		URI location = http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "range_test", "dataset": "synthetic:moons?samples=200&seed=7", "model": {"type": "logistic"},
				 "seed": 3, "rangeTest": {"iterations": 20}}""")
			.retrieve()
			.toEntity(JSON)
			.getHeaders()
			.getLocation();

		assertThat(awaitFinished(location).get("status")).isEqualTo("succeeded");
		assertThat(warmUp.yielded()).isTrue();
	}

	private Map<String, Object> awaitFinished(URI location) {
		return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(
				() -> http.get().uri(location).retrieve().body(JSON),
				job -> !List.of("queued", "running").contains(job.get("status")));
	}

}
