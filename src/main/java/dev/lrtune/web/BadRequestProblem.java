package dev.lrtune.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a 400 from this API looks like, for the OpenAPI document: Spring's {@code ProblemDetail} writes its extra
 * properties at the top level, which its own schema cannot show. Answers are built by {@link ApiExceptionHandler}.
 */
@Schema(name = "BadRequestProblem", description = "An RFC 9457 problem detail naming every rejected field.")
public record BadRequestProblem(
		@Schema(description = "Always about:blank.", example = "about:blank") URI type,
		@Schema(description = "A short summary of the kind of problem.", example = "Invalid request") String title,
		@Schema(description = "The HTTP status.", example = "400") int status,
		@Schema(description = "Every rejected field with its message, in one sentence.",
				example = "schedule.maxLr: must be at least baseLr (0.1), was 0.01") String detail,
		@Schema(description = "The request path, relative to the server.", format = "uri-reference", example = "/api/v1/schedules/preview") URI instance,
		@Schema(description = "Each rejected field, by its path in the request body.") List<FieldError> errors) {
}
