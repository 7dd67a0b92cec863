package dev.lrtune.job;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.web.Problems;

/** The problem details the job API answers with besides 400s. */
final class JobProblems {

	private JobProblems() {
	}

	static ErrorResponseException notFound(long id) {
		return Problems.of(HttpStatus.NOT_FOUND, "Job not found", "There is no job " + id + ".");
	}

	static ErrorResponseException conflict(String detail) {
		return Problems.of(HttpStatus.CONFLICT, "Conflict with the job's status", detail);
	}

	static ErrorResponseException queueFull(int maxQueued, Duration retryAfter) {
		ErrorResponseException ex = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Queue full", "The queue already holds "
				+ maxQueued + " jobs (lrtune.queue.max-queued); retry after " + retryAfter.toSeconds() + " s.");
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		return ex;
	}

	static ErrorResponseException notAvailable(String detail) {
		return Problems.of(HttpStatus.NOT_IMPLEMENTED, "Not available yet", detail);
	}


}
