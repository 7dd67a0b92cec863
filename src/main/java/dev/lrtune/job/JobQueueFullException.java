package dev.lrtune.job;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The queue already holds {@code lrtune.queue.max-queued} jobs: a submission is refused for now, not for good. The API
 * answers it as a 429 problem with {@code Retry-After}; a caller that queues jobs itself (a study's next rung) tells it
 * apart from a refused request by its type and tries again later.
 */
public class JobQueueFullException extends ErrorResponseException {

	JobQueueFullException(int maxQueued, Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(maxQueued, retryAfter), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

	private static ProblemDetail problem(int maxQueued, Duration retryAfter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "The queue already holds "
				+ maxQueued + " jobs (lrtune.queue.max-queued); retry after " + retryAfter.toSeconds() + " s.");
		problem.setTitle("Queue full");
		return problem;
	}

}
