package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.lrtune.DocumentedResponses;
import dev.lrtune.ServiceOverHttp;

/**
 * Over real HTTP with a worker: a client that submits a range test and asks for its recommendation once, waiting on the
 * server, gets the recommendation the job's own result holds, with no polling.
 */
@ServiceOverHttp
class JobWaitEndToEndTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void connect() {
		http = DocumentedResponses.client(port, "")
			.build();
	}

	@Test
	void oneWaitingRequestAfterTheSubmissionAnswersTheRangeTestsRecommendation() {
		Map<String, Object> submitted = http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "range_test", "dataset": "synthetic:moons?samples=500&noise=0.2&seed=3",
				 "model": {"type": "logistic"}, "seed": 5, "rangeTest": {"iterations": 120}}""")
			.retrieve()
			.body(JSON);
		Object id = submitted.get("id");

		ResponseEntity<Map<String, Object>> recommendation = http.get()
			.uri("/api/v1/jobs/{id}/recommendation?wait=60", id)
			.retrieve()
			.toEntity(JSON);

		assertThat(recommendation.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> job = http.get().uri("/api/v1/jobs/{id}?wait=60", id).retrieve().body(JSON);
		assertThat(job.get("status")).isEqualTo("succeeded");
		@SuppressWarnings("unchecked")
		Map<String, Object> result = (Map<String, Object>) job.get("result");
		@SuppressWarnings("unchecked")
		Map<String, Object> stored = (Map<String, Object>) result.get("recommendation");
		assertThat(recommendation.getBody().get("recommendedLr")).isEqualTo(stored.get("recommendedLr"));
	}

}
