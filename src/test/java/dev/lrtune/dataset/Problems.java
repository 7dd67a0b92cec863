package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.http.ProblemDetail;

/** Catches the problem a dataset step refuses with, for assertions on its body. */
final class Problems {

	private Problems() {
	}

	static ProblemDetail problem(ThrowingCallable call) {
		DatasetProblem problem = catchThrowableOfType(DatasetProblem.class, call);
		if (problem == null) {
			throw new AssertionError("expected a DatasetProblem");
		}
		return problem.getBody();
	}

	static Object property(ProblemDetail problem, String name) {
		return problem.getProperties() == null ? null : problem.getProperties().get(name);
	}

}
