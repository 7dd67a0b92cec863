package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The response validator the end-to-end tests use finds each kind of departure from a document, and only those. */
class DocumentedResponsesTests {

	private static final String DOCUMENT = """
			{"openapi": "3.1.0", "paths": {"/api/v1/things/{id}": {"get": {"responses": {
			  "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
			  "404": {"description": "none", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
			 "components": {"schemas": {
			  "Thing": {"type": "object", "properties": {"id": {"type": "integer"}, "when": {"type": "string", "format": "date-time"},
			    "note": {"type": ["string", "null"]}, "part": {"anyOf": [{"$ref": "#/components/schemas/Part"}, {"type": "null"}]}}},
			  "Part": {"type": "object", "properties": {"size": {"type": "number"}}},
			  "Problem": {"type": "object", "properties": {"status": {"type": "integer"}, "instance": {"type": "string", "format": "uri-reference"}}}}}}
			""";

	private final DocumentedResponses documented = DocumentedResponses.of(JsonMapper.builder().build().readTree(DOCUMENT));

	private int problems(int status, String contentType, String body) {
		return documented.problems("GET", "/api/v1/things/7?x=1", status, contentType, body.getBytes(StandardCharsets.UTF_8))
			.size();
	}

	@Test
	void aBodyAsDocumentedPasses() {
		assertThat(problems(200, "application/json", """
				{"id": 7, "when": "2026-12-06T00:00:00Z", "note": null, "part": null}""")).isZero();
		assertThat(problems(200, "application/json", "{\"id\": 7, \"part\": {\"size\": 1.5}}")).isZero();
		assertThat(problems(404, "application/problem+json", "{\"status\": 404, \"instance\": \"/api/v1/things/7\"}")).isZero();
	}

	@Test
	void aWrongTypeAnUndeclaredNullOrABadFormatIsFound() {
		assertThat(problems(200, "application/json", "{\"id\": \"seven\"}")).isPositive();
		assertThat(problems(200, "application/json", "{\"id\": null}")).isPositive();
		assertThat(problems(200, "application/json", "{\"part\": {\"size\": \"big\"}}")).isPositive();
		assertThat(problems(200, "application/json", "{\"when\": \"yesterday\"}")).isPositive();
		assertThat(problems(404, "application/problem+json", "{\"status\": 404, \"instance\": \"/a b\"}")).isPositive();
	}

	@Test
	void anUnlistedStatusOrContentTypeIsFound() {
		assertThat(problems(500, "application/problem+json", "{\"status\": 500}")).isPositive();
		assertThat(problems(404, "text/html", "<html></html>")).isPositive();
		assertThat(documented.problems("POST", "/api/v1/things/7", 200, "application/json", new byte[0])).isNotEmpty();
	}

	@Test
	void pathsOutsideTheApiAreNotJudged() {
		assertThat(documented.problems("GET", "/actuator/health", 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8)))
			.isEmpty();
	}

}
