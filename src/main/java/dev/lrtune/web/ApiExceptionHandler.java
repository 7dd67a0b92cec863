package dev.lrtune.web;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.db.DatabaseOutages;
import tools.jackson.core.JacksonException;

/**
 * The one place where exceptions become RFC 9457 problem details. A 400 names every rejected field in
 * {@code errors} ({@code field}, {@code message}) and repeats the first in {@code detail}, so a client
 * reading only {@code detail} still learns what to fix. Nothing here leaks class names or stack traces.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

	/** The most rejected fields one 400 names; a body with thousands of bad entries is answered with the first. */
	static final int MAX_ERRORS = 100;

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		return badRequest(List.of(new FieldError(ex.parameter(), ex.detail())));
	}

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalidRequest(InvalidRequestException ex) {
		return badRequest(List.of(new FieldError(ex.field(), ex.getMessage())));
	}

	/**
	 * The database is down or restarting: 503 with {@code Retry-After}, within Hikari's connection timeout
	 * (a few seconds) instead of a hanging request. Other data-access errors are unexpected.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> dataAccess(NestedRuntimeException ex) {
		if (!DatabaseOutages.isOutage(ex)) {
			return ResponseEntity.internalServerError().body(unexpected(ex));
		}
		log.warn("The database cannot be reached: {}", ex.getMostSpecificCause().toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database cannot be reached right now; retry in a few seconds.");
		problem.setTitle("Database unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
			.body(problem);
	}

	/**
	 * A multipart body that cannot be parsed (no boundary, cut before its closing boundary, bare LF line breaks). A
	 * size limit met while parsing is a 413 ({@link MaxUploadSizeExceededException}), answered by the dataset
	 * controller with the limit that applies.
	 */
	@ExceptionHandler(MultipartException.class)
	ProblemDetail malformedMultipart(MultipartException ex) {
		return badRequest(List.of(new FieldError("", "the multipart/form-data body is malformed: it needs a boundary "
				+ "parameter in Content-Type, CRLF line breaks, and a closing boundary line")));
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unhandled error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server could not complete the request; the error has been logged.");
		problem.setTitle("Internal error");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> new FieldError(e.getField(), message(e, ex.getBindingResult().getFieldType(e.getField()))))
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		return ResponseEntity.badRequest().body(badRequest(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(e -> new FieldError(result.getMethodParameter().getParameterName(), e.getDefaultMessage())))
			.toList();
		return ResponseEntity.badRequest().body(badRequest(errors));
	}

	/** {@code /jobs/abc}, {@code ?maxPoints=x}: the parameter by name, like a body field. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
				: Objects.requireNonNullElse(ex.getPropertyName(), "");
		Class<?> type = ex.getRequiredType();
		String expected = type == null ? "of another type" : JsonErrors.describeType(type) + JsonErrors.range(type);
		return ResponseEntity.badRequest()
			.body(badRequest(List.of(new FieldError(name, "must be " + expected + ", got '" + Echo.value(ex.getValue()) + "'"))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof JsonBodyLimitException limit) {
			return limit.limit() == JsonBodyLimitException.Limit.SIZE ? tooLarge(limit)
					: ResponseEntity.badRequest().body(badRequest(List.of(new FieldError("", limit.getMessage()))));
		}
		return ResponseEntity.badRequest().body(badRequest(List.of(unreadable(ex.getMostSpecificCause()))));
	}

	private static ResponseEntity<Object> tooLarge(JsonBodyLimitException limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, limit.getMessage());
		problem.setTitle("Request body too large");
		problem.setProperty("maxBytes", limit.allowed());
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

	private static FieldError unreadable(Throwable cause) {
		if (cause instanceof InvalidParameterException invalid) {
			return new FieldError(invalid.parameter(), invalid.detail());
		}
		if (cause instanceof JacksonException json) {
			return JsonErrors.of(json);
		}
		return new FieldError("", "the request body is missing or is not JSON");
	}

	/**
	 * Bean Validation's "must not be null" in the words the core uses for the same thing; a query or form value of
	 * the wrong type ({@code ?standardize=maybe}) by the type a client knows, not Spring's conversion message.
	 */
	private static String message(org.springframework.validation.FieldError error, Class<?> type) {
		if (error.isBindingFailure() && type != null) {
			Object value = error.getRejectedValue() instanceof String[] values && values.length == 1 ? values[0]
					: error.getRejectedValue();
			return "must be " + JsonErrors.describeType(type) + JsonErrors.range(type) + ", got '" + Echo.value(value) + "'";
		}
		return "NotNull".equals(error.getCode()) ? "is required" : error.getDefaultMessage();
	}

	static ProblemDetail badRequest(List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Invalid request");
		List<FieldError> named = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
		problem.setDetail(named.isEmpty() ? "The request is invalid."
				: Echo.message(named.stream().map(e -> e.field().isEmpty() ? e.message() : e.field() + ": " + e.message())
					.reduce((a, b) -> a + "; " + b)
					.orElseThrow() + (named.size() < errors.size() ? "; and " + (errors.size() - named.size()) + " more" : "")));
		problem.setProperty("errors", List.copyOf(named));
		return problem;
	}

	/**
	 * The last word on every problem this advice or a controller answers: its detail and any text member (a CSV
	 * column name, a fix) at most {@link Echo#MAX_MESSAGE} characters, so that no client value, however long, is
	 * repeated whole.
	 */
	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			problem.setDetail(Echo.message(problem.getDetail()));
			problem.setTitle(Echo.message(problem.getTitle()));
			if (problem.getProperties() != null) {
				problem.getProperties().replaceAll((name, value) -> value instanceof String text ? Echo.message(text) : value);
			}
		}
		return body;
	}

}
