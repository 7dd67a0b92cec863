package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole application on a real port, called the way a notebook or a script would call it. */
@ServiceOverHttp
class ScheduleApiEndToEndTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void connect() {
		// answer 4xx and 5xx as responses to look at, not exceptions
		http = DocumentedResponses.client(port, "/api/v1")
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private ResponseEntity<String> post(String path, String body) {
		return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
	}

	@Test
	void listsEveryScheduleType() {
		ResponseEntity<String> response = http.get().uri("/schedules").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		JsonNode types = JSON.readTree(response.getBody());
		assertThat(types.size()).isEqualTo(15);
		assertThat(types.get(8).get("type").asString()).isEqualTo("cosine_restarts");
		assertThat(types.get(8).get("parameters").valueStream().map(p -> p.get("name").asString())).contains("t0",
				"tMult");
	}

	@Test
	void previewsAWarmupIntoACosine() {
		ResponseEntity<String> response = post("/schedules/preview", """
				{"schedule": {"type": "warmup", "warmupSteps": 4,
				              "then": {"type": "cosine", "lr": 1, "tMax": 4}},
				 "steps": 9}""");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		double quarter = (2 + Math.sqrt(2)) / 4;
		assertThat(JSON.treeToValue(JSON.readTree(response.getBody()).get("lr"), double[].class))
			.containsExactly(new double[] { 0, 0.25, 0.5, 0.75, 1, quarter, 0.5, 1 - quarter, 0 }, within(1e-12));
		assertThat(JSON.readTree(response.getBody()).has("momentum")).isFalse();
	}

	@Test
	void previewsAPlateauFedWithValidationLosses() {
		ResponseEntity<String> response = post("/schedules/preview", """
				{"schedule": {"type": "plateau", "lr": 0.1, "factor": 0.5, "patience": 1},
				 "steps": 6, "metrics": [1.0, null, 1.2, null, 1.3, 0.4]}""");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		// 1.2 and 1.3 are the 1st and 2nd evaluations without improvement: more than patience 1 after step 4
		assertThat(JSON.treeToValue(JSON.readTree(response.getBody()).get("lr"), double[].class))
			.containsExactly(0.1, 0.1, 0.1, 0.1, 0.1, 0.05);
	}

	@Test
	void answersABadScheduleWithAProblemNamingTheField() {
		ResponseEntity<String> response = post("/schedules/preview", """
				{"schedule": {"type": "warmup", "warmupSteps": 10, "then": {"type": "cosine", "lr": 0.1, "tMax": 0}},
				 "steps": 20}""");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asString()).startsWith("schedule.then.tMax: ");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("schedule.then.tMax");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/schedules/preview");
	}

	@Test
	void analysesARangeTestCurveBroughtByTheClient() {
		ResponseEntity<String> response = post("/range-tests/analyze", """
				{"lr": [1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 1e-1, 3.16e-1, 1],
				 "loss": [2.30, 2.30, 2.29, 2.26, 2.15, 1.90, 1.52, 1.20, 1.35, 2.70, null],
				 "smoothing": 0, "skipStart": 0, "skipEnd": 0}""");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode recommendation = JSON.readTree(response.getBody());
		assertThat(recommendation.get("recommendedLr").asDouble()).isBetween(1e-5, 1.0);
		assertThat(recommendation.get("method").asString()).isNotBlank();
		assertThat(recommendation.get("minLossLr").asDouble()).isEqualTo(3.16e-2);
	}

}
