package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Jobs on {@code file:} datasets, over real HTTP with the worker pool off (the test runs the job): a CSV under
 * {@code lrtune.datasets.data-dir} trains; anything outside it, or missing, is a 400 naming {@code dataset}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:file-dataset-jobs;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false",
		"lrtune.curves.flush-interval=0ms" })
class FileDatasetJobTests extends QueuedJobHttpTests {

	private static final Path DATA_DIR = createDataDirectory();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("lrtune.datasets.data-dir", DATA_DIR::toString);
	}

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

	/** Two classes split by the sign of x + y, in a subdirectory. */
	private static Path createDataDirectory() {
		try {
			Path directory = Files.createTempDirectory("lrtune-files");
			Files.createDirectories(directory.resolve("tables"));
			StringBuilder csv = new StringBuilder("x,y,label\n");
			for (int i = 0; i < 200; i++) {
				double x = Math.sin(i * 1.3) * 3;
				double y = Math.cos(i * 0.7) * 3;
				csv.append(x).append(',').append(y).append(',').append(x + y > 0 ? "yes" : "no").append('\n');
			}
			Files.writeString(directory.resolve("tables/signs.csv"), csv);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpResponse<String> submit(String dataset) throws Exception {
		return send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("""
					{"type": "training", "dataset": "%s", "model": {"type": "logistic"}, "seed": 1,
					 "training": {"epochs": 20, "schedule": {"type": "constant", "lr": 0.5}}}""".formatted(dataset))));
	}

}
