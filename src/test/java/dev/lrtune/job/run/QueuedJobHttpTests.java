package dev.lrtune.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lrtune.job.queue.JobQueue;

import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs over real HTTP with the worker pool off: a job stays queued until the test claims and runs it itself, so it
 * can look at the job between submission and the end of its run. The subclasses share one Spring context and its
 * database, so each claims right after it submitted, and only what it submitted; {@code file:} datasets come from
 * {@link #DATA_DIR}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:queued-job-http;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false",
		"lrtune.curves.flush-interval=0ms" })
abstract class QueuedJobHttpTests {

	/** {@code lrtune.datasets.data-dir}: {@code tables/signs.csv}, and {@code splits/} for {@code DatasetSplitsTests}. */
	static final Path DATA_DIR = createDataDirectory();

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRunner runner;

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("lrtune.datasets.data-dir", DATA_DIR::toString);
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

}
