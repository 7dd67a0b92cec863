package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Jobs on {@code file:} datasets, over real HTTP with the worker pool off (the test runs the job): a CSV under
 * {@code lrtune.datasets.data-dir} trains; anything outside it, or missing, is a 400 naming {@code dataset}.
 */
class FileDatasetJobTests extends QueuedJobHttpTests {

	@Test
	void aJobTrainsOnACsvFileInTheDataDirectory() throws Exception {
		HttpResponse<String> submitted = submit("file:tables/signs.csv");
		assertThat(submitted.statusCode()).isEqualTo(202);
		String job = submitted.headers().firstValue("Location").orElseThrow();

		runner.run(queue.claim("worker-a").orElseThrow(), run -> {
		});

		JsonNode finished = json.readTree(send(HttpRequest.newBuilder(uri(job)).GET()).body());
		assertThat(finished.get("status").asString()).isEqualTo("succeeded");
		assertThat(finished.get("request").get("dataset").asString()).isEqualTo("file:tables/signs.csv");
		assertThat(finished.get("result").get("validationAccuracy").asDouble()).isGreaterThan(0.9);
	}

	@Test
	void aPathOutsideTheDataDirectoryIsA400NamingDataset() throws Exception {
		assertRefused("file:../../etc/passwd", "'..'");
		assertRefused("file:/etc/passwd", "relative");
		assertRefused("file:tables/../../outside.csv", "'..'");
	}

	@Test
	void aMissingFileIsA400NamingDataset() throws Exception {
		assertRefused("file:tables/missing.csv", "there is no file 'tables/missing.csv'");
	}

	private void assertRefused(String reference, String message) throws Exception {
		HttpResponse<String> refused = submit(reference);
		assertThat(refused.statusCode()).as(reference).isEqualTo(400);
		JsonNode error = json.readTree(refused.body()).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("dataset");
		assertThat(error.get("message").asString()).contains(message);
	}

	private HttpResponse<String> submit(String dataset) throws Exception {
		return send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("""
					{"type": "training", "dataset": "%s", "model": {"type": "logistic"}, "seed": 1,
					 "training": {"epochs": 20, "schedule": {"type": "constant", "lr": 0.5}}}""".formatted(dataset))));
	}

}
