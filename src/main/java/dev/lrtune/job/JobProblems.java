package dev.lrtune.job;

import java.time.Duration;

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

	static JobQueueFullException queueFull(int maxQueued, Duration retryAfter) {
		return new JobQueueFullException(maxQueued, retryAfter);
	}

	static ErrorResponseException notAvailable(String detail) {
		return Problems.of(HttpStatus.NOT_IMPLEMENTED, "Not available yet", detail);
	}


}
