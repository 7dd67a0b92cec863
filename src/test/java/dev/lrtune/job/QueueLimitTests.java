package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The queue limit holds under concurrent submissions: counting the queue and inserting into it happen under
 * one submission lock, so many clients at once cannot together go past {@code lrtune.queue.max-queued}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:queue-limit;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false",
		"lrtune.queue.max-queued=5" })
class QueueLimitTests {

	private static final String JOB = """
			{"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
			 "seed": 1, "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}""";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void manyConcurrentSubmissionsQueueExactlyTheLimitAndRefuseTheRestWith429() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		List<Callable<Integer>> submissions = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			submissions.add(() -> http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
					.header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString(JOB))
					.build(), BodyHandlers.ofString())
				.statusCode());
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> status : clients.invokeAll(submissions)) {
			statuses.add(status.get());
		}
		clients.shutdown();

		assertThat(statuses).filteredOn(status -> status == 202).hasSize(5);
		assertThat(statuses).filteredOn(status -> status == 429).hasSize(19);
	}

	@Test
	void aStudyWhoseFirstRungIsLongerThanTheQueueIsRefusedAtOnce() throws Exception {
		// eight generated candidates, a queue of five: the first rung could never be queued
		String study = """
				{"dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"}, "iterations": 900}""";
		var answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/studies"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(study))
			.build(), BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("\"field\":\"candidates\"", "one trial per candidate, 8",
				"(5, lrtune.queue.max-queued)");
		String studies = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/studies")).build(),
				BodyHandlers.ofString()).body();
		assertThat(studies).contains("\"totalItems\":0");
	}

}
