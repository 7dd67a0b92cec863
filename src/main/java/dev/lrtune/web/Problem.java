package dev.lrtune.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What every error of this API looks like, for the OpenAPI document: the RFC 9457 members Spring's
 * {@code ProblemDetail} writes. Spring writes a problem's extra properties at the top level, which its own class
 * cannot show, so the document describes this record instead; answers are built by {@link ApiExceptionHandler}, the
 * feature packages' problems and the API-key filter.
 */
@Schema(name = "ProblemDetail", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
		description = "An RFC 9457 problem detail (application/problem+json). Some problems add members: a 400 names "
				+ "the rejected fields in errors (see BadRequestProblem); an upload refused by the CSV reader may add "
				+ "line, column, fix and maxBytes.")
public record Problem(
		@Schema(description = "Always about:blank.", example = "about:blank") URI type,
		@Schema(description = "A short summary of the kind of problem.", example = "Job not found") String title,
		@Schema(description = "The HTTP status.", example = "404") int status,
		@Schema(description = "What went wrong in this case, in plain words.", example = "There is no job 42.") String detail,
		@Schema(description = "The request path, relative to the server.", format = "uri-reference", example = "/api/v1/jobs/42") URI instance) {
}
