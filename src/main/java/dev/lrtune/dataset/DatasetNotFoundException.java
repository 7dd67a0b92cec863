package dev.lrtune.dataset;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No dataset has this id: a 404 problem. */
public class DatasetNotFoundException extends ErrorResponseException {

	private final long id;

	public DatasetNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
		this.id = id;
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No dataset has id " + id + ".");
		problem.setTitle("Dataset not found");
		problem.setProperty("datasetId", id);
		return problem;
	}

	public long id() {
		return id;
	}

	@Override
	public String getMessage() {
		return "No dataset has id " + id;
	}

}
