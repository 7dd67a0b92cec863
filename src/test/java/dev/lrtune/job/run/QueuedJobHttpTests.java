package dev.lrtune.job.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.lrtune.QueuedJobsOverHttp;
import dev.lrtune.job.queue.JobQueue;

import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs over real HTTP with the worker pool off: a job stays queued until the test claims and runs it itself, so it
 * can look at the job between submission and the end of its run. The subclasses share one Spring context and its
 * database ({@link QueuedJobsOverHttp}), so each claims right after it submitted, and only what it submitted;
 * {@code file:} datasets come from {@link #DATA_DIR}.
 */
@QueuedJobsOverHttp
abstract class QueuedJobHttpTests {

	/** {@code lrtune.datasets.data-dir}: {@code tables/signs.csv}, and {@code splits/} for {@code DatasetSplitsTests}. */
	static final Path DATA_DIR = QueuedJobsOverHttp.DataDirectory.PATH;

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

}
