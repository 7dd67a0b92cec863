package dev.lrtune.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import tools.jackson.databind.json.JsonMapper;

/**
 * Problems written outside Spring MVC (by the servlet container's error report, by a filter that refuses a request
 * before any handler runs, or for Boot's {@code /error} dispatch): the same RFC 9457 members, as bytes, with no
 * content negotiation that could itself fail on a malformed {@code Accept}.
 */
final class ContainerProblems {

	static final String NOSNIFF_HEADER = "X-Content-Type-Options";

	static final String NOSNIFF = "nosniff";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ContainerProblems() {
	}

	static String json(int status, String detail, String instance) {
		return json(status, detail, instance, null);
	}

	/** With {@code errors}, as every 400 of this API carries them. */
	static String json(int status, String detail, String instance, List<FieldError> errors) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title(status));
		problem.put("status", status);
		problem.put("detail", Echo.message(detail));
		if (instance != null) {
			problem.put("instance", instance);
		}
		if (errors != null) {
			problem.put("errors", errors);
		}
		return JSON.writeValueAsString(problem);
	}

	static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return known == null ? "Error " + status : known.getReasonPhrase();
	}

	/** What the container refuses before the application sees the request, in the client's terms. */
	static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is malformed: its path, query string or headers hold something HTTP does not allow "
					+ "(such as an invalid percent-escape, an encoded slash, backslash or NUL in the path, invalid UTF-8, "
					+ "a character a URL may not contain unescaped, or a control character in a header).";
			case 404 -> "There is nothing at this path.";
			case 405 -> "This method is not allowed here.";
			case 408 -> "The request was not received in time.";
			case 413 -> "The request is larger than this server accepts.";
			case 414 -> "The request's path and query string are longer than this server accepts.";
			case 431 -> "The request's headers are larger than this server accepts.";
			case 501 -> "This method is not implemented.";
			case 505 -> "This HTTP version is not supported.";
			default -> status >= 500 ? "The server could not complete the request." : "The server refused the request.";
		};
	}

}
