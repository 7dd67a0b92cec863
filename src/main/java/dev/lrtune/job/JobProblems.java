package dev.lrtune.job;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.web.Problems;

/** The problem details the job API answers with besides 400s. */
final class JobProblems {

	private JobProblems() {
	}

	static ErrorResponseException notFound(long id) {
		return Problems.of(HttpStatus.NOT_FOUND, "Job not found", "There is no job " + id + ".");
	}

	private static final String CONFLICT_TITLE = "Conflict with the job's status";

	static ErrorResponseException conflict(String detail) {
		return Problems.of(HttpStatus.CONFLICT, CONFLICT_TITLE, detail);
	}

	/** The problem of {@link #conflict}, to answer rather than throw. */
	static ProblemDetail conflictProblem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setTitle(CONFLICT_TITLE);
		return problem;
	}

	static JobQueueFullException queueFull(int maxQueued, Duration retryAfter) {
		return new JobQueueFullException(maxQueued, retryAfter);
	}

	static ErrorResponseException notAvailable(String detail) {
		return Problems.of(HttpStatus.NOT_IMPLEMENTED, "Not available yet", detail);
	}


}
