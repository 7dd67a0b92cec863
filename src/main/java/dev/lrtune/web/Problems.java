package dev.lrtune.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details the features throw besides 400s (not found, conflicts), answered as they are. */
public final class Problems {

	private Problems() {
	}

	/** An RFC 9457 problem with that status, title and detail, to throw. */
	public static ErrorResponseException of(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
