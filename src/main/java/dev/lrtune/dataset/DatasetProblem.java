package dev.lrtune.dataset;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.web.FieldError;

/**
 * An upload that cannot become a dataset, as an RFC 9457 problem: a title, a plain-words detail, and
 * where known the {@code line} (1-based, as an editor counts them), the {@code column} (its header
 * name) and the {@code fix}. 400: the file or a request field is malformed; 413: too large; 422: a
 * well-formed CSV whose content cannot be trained on as asked.
 */
final class DatasetProblem extends ErrorResponseException {

	private DatasetProblem(HttpStatus status, String title, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
		getBody().setTitle(title);
	}

	static DatasetProblem badRequest(String title, String detail) {
		return new DatasetProblem(HttpStatus.BAD_REQUEST, title, detail);
	}

	static DatasetProblem unprocessable(String title, String detail) {
		return new DatasetProblem(HttpStatus.UNPROCESSABLE_CONTENT, title, detail);
	}

	static DatasetProblem conflict(String title, String detail) {
		return new DatasetProblem(HttpStatus.CONFLICT, title, detail);
	}

	static DatasetProblem tooLarge(long maxBytes) {
		return new DatasetProblem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large",
				"The upload is larger than the " + maxBytes + " bytes this service accepts.")
			.with("maxBytes", maxBytes)
			.fix("Upload a smaller file (drop unused columns or rows), or raise lrtune.datasets.max-bytes.");
	}

	/** A limit other than the file's size, such as one part's headers; {@code maxBytes} when it is a byte count. */
	static DatasetProblem tooLarge(String title, String detail, Long maxBytes, String fix) {
		DatasetProblem problem = new DatasetProblem(HttpStatus.CONTENT_TOO_LARGE, title, detail).fix(fix);
		return maxBytes == null ? problem : problem.with("maxBytes", maxBytes);
	}

	DatasetProblem line(long line) {
		return with("line", line);
	}

	DatasetProblem column(String name) {
		return with("column", name);
	}

	DatasetProblem fix(String fix) {
		return with("fix", fix);
	}

	/** Marks the problem as caused by a request field, in the {@code errors} list every 400 of the API carries. */
	DatasetProblem field(String field) {
		return with("errors", List.of(new FieldError(field, getBody().getDetail())));
	}

	DatasetProblem with(String property, Object value) {
		getBody().setProperty(property, value);
		return this;
	}

	@Override
	public String getMessage() {
		return getBody().getTitle() + ": " + getBody().getDetail();
	}

}
