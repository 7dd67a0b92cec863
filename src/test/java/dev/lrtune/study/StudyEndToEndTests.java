package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A study over real HTTP, from the request to the winner's schedule re-run as a plain training job. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"lrtune.workers.threads=2", "lrtune.curves.flush-interval=50ms", "lrtune.studies.poll-interval=50ms" })
class StudyEndToEndTests {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	/**
	 * Noisy linear regression, where the answer is known: lr 3 is past the stability limit (2/λmax of the
	 * standardised features' covariance, about 1) and diverges; a constant 0.3 stalls at a noise floor that grows
	 * with the rate; the same 0.3 decayed by 100× over the budget goes below it; 0.0003 barely moves.
	 */
	static final String KNOWN_ANSWER = """
			{"dataset": "synthetic:linear?samples=1000&features=10&noise=1.0&seed=3", "model": {"type": "linear"},
			 "batchSize": 8, "seed": 11, "iterations": 2000, "evaluateEvery": 50,
			 "candidates": [{"type": "constant", "lr": 3},
			                {"type": "constant", "lr": 0.3},
			                {"type": "exponential", "lr": 0.3, "decayRate": 0.01, "decaySteps": 2000},
			                {"type": "constant", "lr": 0.0003}],
			 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 500}}""";

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void connect() {
		http = RestClient.create("http://localhost:" + port);
	}

	@Test
	void knownAnswer() {
		ResponseEntity<Map<String, Object>> submitted = http.post().uri("/api/v1/studies")
			.contentType(MediaType.APPLICATION_JSON).body(KNOWN_ANSWER).retrieve().toEntity(JSON);
		assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		URI location = submitted.getHeaders().getLocation();
		Map<String, Object> study = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
			.until(() -> http.get().uri(location).retrieve().body(JSON), s -> !"running".equals(s.get("status")));
		System.out.println("STUDY " + study);
		assertThat(study.get("status")).isEqualTo("succeeded");
	}

}
