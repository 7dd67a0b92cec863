package dev.lrtune.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The error responses every operation under {@code /api/} shares, added to the document so that controllers declare
 * only the errors particular to them (409, 413, 422, 429, …) and only with a description:
 * <ul>
 * <li>400 ({@code BadRequestProblem}) always: a rejected field, a path or query value of the wrong type, or a malformed
 * query string or {@code Accept} header, which any operation may meet;
 * <li>401 always: the API-key filter answers it when {@code lrtune.security.api-keys} is set;
 * <li>404 when the path names a resource by id;
 * <li>406 always: the {@code Accept} header names nothing the operation answers with;
 * <li>413 and 415 when the operation takes a body: too large, or not a type it reads;
 * <li>503 always: the database cannot be reached ({@link ApiExceptionHandler} answers it with {@code Retry-After}).
 * </ul>
 * Every 4xx/5xx response, declared or added, then has only {@code application/problem+json} content, with the
 * {@code ProblemDetail} schema ({@code BadRequestProblem} for a 400) unless it names its own schema there.
 */
final class ProblemResponses {

	static final String PROBLEM = "ProblemDetail";

	static final String BAD_REQUEST = "BadRequestProblem";

	private static final String COMPONENT = "#/components/schemas/";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private ProblemResponses() {
	}

	@SuppressWarnings("rawtypes")
	static void apply(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		ModelConverters converters = ModelConverters.getInstance(true);
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		converters.readAll(Problem.class).forEach(schemas::putIfAbsent);
		converters.readAll(BadRequestProblem.class).forEach(schemas::putIfAbsent);
		openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith("/api/")) {
				item.readOperations().forEach(operation -> addTo(operation, item));
			}
		});
	}

	private static void addTo(Operation operation, PathItem item) {
		if (operation.getResponses() == null) {
			return;
		}
		List<Parameter> parameters = Stream.concat(stream(item.getParameters()), stream(operation.getParameters()))
			.toList();
		boolean hasBody = operation.getRequestBody() != null;
		var responses = operation.getResponses();
		// any request may be refused for a malformed query string or Accept header, besides its own parameters
		responses.putIfAbsent("400", new ApiResponse()
			.description("A parameter or field is missing, malformed or out of range, or the query string or a header is "
					+ "malformed; errors names each one."));
		responses.putIfAbsent("401", new ApiResponse().description(
				"Missing or invalid X-API-Key (only when the server sets lrtune.security.api-keys)."));
		if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
			responses.putIfAbsent("404", new ApiResponse().description("Nothing with that id exists."));
		}
		responses.putIfAbsent("406", new ApiResponse()
			.description("The Accept header names no media type this operation answers with."));
		if (hasBody) {
			responses.putIfAbsent("413", new ApiResponse()
				.description("The body is larger than this operation accepts (lrtune.requests.max-json-size for JSON); "
						+ "maxBytes gives the limit."));
			responses.putIfAbsent("415", new ApiResponse()
				.description("The Content-Type is not one this operation accepts (a wildcard such as */* names none)."));
		}
		responses.putIfAbsent("503", new ApiResponse().description(
				"The database cannot be reached (down or restarting); retry after the Retry-After header's seconds."));
		responses.forEach((code, response) -> {
			if (code.startsWith("4") || code.startsWith("5")) {
				problemContent(response, "400".equals(code) ? BAD_REQUEST : PROBLEM);
			}
		});
	}

	private static void problemContent(ApiResponse response, String schema) {
		// springdoc gives a declared error the operation's return type (or */*): an error is only ever a problem
		MediaType problem = response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
		if (problem == null) {
			problem = new MediaType();
		}
		if (problem.getSchema() == null) {
			problem.setSchema(new Schema<>().$ref(COMPONENT + schema));
		}
		response.setContent(new Content().addMediaType(PROBLEM_JSON, problem));
	}

	private static <T> Stream<T> stream(List<T> list) {
		return list == null ? Stream.empty() : list.stream();
	}

}
