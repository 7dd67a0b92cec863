package dev.lrtune.study;

import static dev.lrtune.study.StudyEndToEndTests.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.lrtune.StudiesOverHttp;

/**
 * A study takes its next step as soon as its last trial of a rung (or its range test) finishes on this instance,
 * not at the coordinator's next look: with looks an hour apart ({@link StudiesOverHttp}), a whole study still runs in
 * seconds.
 */
@StudiesOverHttp
class StudyEventTests {

	@LocalServerPort
	private int port;

	@Test
	void aFinishedTrialMovesItsStudyOnWithoutWaitingForTheNextLook() {
		RestClient http = RestClient.create("http://localhost:" + port + "/api/v1");
		Map<String, Object> study = http.post().uri("/studies").contentType(MediaType.APPLICATION_JSON).body("""
				{"dataset": "synthetic:moons?samples=400&seed=7", "model": {"type": "logistic"}, "seed": 3,
				 "iterations": 270}""").retrieve().body(JSON);
		Map<String, Object> finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get().uri("/studies/{id}", study.get("id")).retrieve().body(JSON),
					s -> !"running".equals(s.get("status")));
		// range test → rung 0 (8 trials) → rung 1 (2) → rung 2 (1): three steps, each taken on a job's end
		assertThat(finished.get("status")).isEqualTo("succeeded");
		assertThat(finished.get("rung")).isEqualTo(2);
	}

}
