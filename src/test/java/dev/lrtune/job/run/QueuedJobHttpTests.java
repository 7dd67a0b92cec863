package dev.lrtune.job.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.lrtune.job.queue.JobQueue;

import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs over real HTTP with the worker pool off: a job stays queued until the test claims and runs it itself, so it
 * can look at the job between submission and the end of its run.
 */
abstract class QueuedJobHttpTests {

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
