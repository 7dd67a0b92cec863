package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conventions every operation under {@code /api/} keeps in the OpenAPI document, checked by walking the document,
 * so that an operation added later (a new controller) is held to them without a test of its own:
 * <ul>
 * <li>an {@code operationId} in camelCase (what generated clients name their methods), unique, and a {@code summary};
 * a tag that the document describes;
 * <li>a {@code description} on every parameter, every schema and every property of a schema;
 * <li>its success response described, with a concrete media type (not {@code *}{@code /*});
 * <li>the error responses that apply: 400, 401, 406 and 503 always (a malformed query or header, API keys, an
 * unsatisfiable Accept, an unreachable database), 404 when the path names something by id, 413 and 415 when it takes
 * a body; every 4xx/5xx as {@code application/problem+json} with the
 * {@code ProblemDetail} schema ({@code BadRequestProblem} for a 400);
 * <li>a JSON or CSV request body with named examples, each of which, posted as it is, gets the operation's documented
 * success status (checked for operations whose path has no parameter).
 * </ul>
 * Workers are off, so the jobs the examples queue stay queued.
 */
@ServiceOverMockMvc
class OpenApiConventionsTests {

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	private JsonNode document;

	@BeforeEach
	void fetchTheDocument() throws Exception {
		document = JSON.readTree(mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void everyOperationHasAnIdASummaryADescribedTagAndDescribedParameters() {
		List<String> failures = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		Set<String> describedTags = new HashSet<>();
		document.path("tags").forEach(tag -> {
			if (!tag.path("description").asString("").isBlank()) {
				describedTags.add(tag.get("name").asString());
			}
		});
		for (Operation operation : operations()) {
			String id = operation.node.path("operationId").asString("");
			if (!id.matches("[a-z][A-Za-z0-9]*")) {
				failures.add(operation + ": operationId '" + id + "' is not camelCase (set @Operation(operationId = ...))");
			}
			else if (!ids.add(id)) {
				failures.add(operation + ": operationId '" + id + "' is used twice");
			}
			if (operation.node.path("summary").asString("").isBlank()) {
				failures.add(operation + ": no summary");
			}
			List<String> tags = operation.node.path("tags").valueStream().map(JsonNode::asString).toList();
			if (tags.isEmpty() || !describedTags.containsAll(tags)) {
				failures.add(operation + ": tags " + tags + " are missing or lack a description (@Tag)");
			}
			for (JsonNode parameter : operation.parameters()) {
				if (parameter.path("description").asString("").isBlank()) {
					failures.add(operation + ": parameter '" + parameter.path("name").asString() + "' has no description");
				}
			}
		}
		assertThat(operations()).hasSizeGreaterThanOrEqualTo(15);
		assertThat(failures).isEmpty();
	}

	@Test
	void everyOperationDocumentsItsSuccessAndTheErrorsThatApplyAsProblemDetails() {
		List<String> failures = new ArrayList<>();
		for (Operation operation : operations()) {
			JsonNode responses = operation.node.path("responses");
			List<String> codes = responses.propertyNames().stream().toList();
			if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
				failures.add(operation + ": no 2xx response");
			}
			boolean hasBody = operation.node.has("requestBody");
			boolean pathParameter = operation.parameters().stream().anyMatch(p -> "path".equals(p.path("in").asString()));
			List<String> expected = new ArrayList<>(List.of("400", "401", "406", "503"));
			if (pathParameter) {
				expected.add("404");
			}
			if (hasBody) {
				expected.add("413");
				expected.add("415");
			}
			for (String code : expected) {
				if (!responses.has(code)) {
					failures.add(operation + ": no " + code + " response");
				}
			}
			for (Map.Entry<String, JsonNode> response : responses.properties()) {
				String code = response.getKey();
				JsonNode content = response.getValue().path("content");
				if (response.getValue().path("description").asString("").isBlank()) {
					failures.add(operation + " " + code + ": no description");
				}
				if (code.startsWith("2")) {
					if (content.has("*/*")) {
						failures.add(operation + " " + code + ": content */* (say what it produces)");
					}
					continue;
				}
				String schema = "#/components/schemas/" + ("400".equals(code) ? "BadRequestProblem" : "ProblemDetail");
				if (content.size() != 1 || !schema.equals(content.path(PROBLEM_JSON).path("schema").path("$ref").asString(""))) {
					failures.add(operation + " " + code + ": not application/problem+json with " + schema + " but " + content);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void everySchemaAndEveryPropertyIsDescribed() {
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
			if (schema.getValue().path("description").asString("").isBlank()) {
				failures.add(schema.getKey() + ": no description (@Schema(description = ...) on the type)");
			}
			for (Map.Entry<String, JsonNode> property : schema.getValue().path("properties").properties()) {
				// a $ref carries its own schema's description
				if (!property.getValue().has("$ref") && property.getValue().path("description").asString("").isBlank()) {
					failures.add(schema.getKey() + "." + property.getKey() + ": no description");
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void problemSchemasDescribeTheRfc9457Members() {
		JsonNode schemas = document.path("components").path("schemas");
		assertThat(schemas.path("ProblemDetail").path("properties").propertyNames())
			.contains("type", "title", "status", "detail", "instance");
		assertThat(schemas.path("BadRequestProblem").path("properties").propertyNames()).contains("status", "detail", "errors");
	}

	@Test
	void everyRequestBodyHasExamplesAndEachOneIsAccepted() throws Exception {
		List<String> failures = new ArrayList<>();
		int posted = 0;
		for (Operation operation : operations()) {
			JsonNode content = operation.node.path("requestBody").path("content");
			for (Map.Entry<String, JsonNode> media : content.properties()) {
				String type = media.getKey();
				if (type.equals("multipart/form-data")) {
					continue; // a file upload: its examples are those of the same operation's text/csv body
				}
				JsonNode examples = media.getValue().path("examples");
				if (examples.isEmpty()) {
					failures.add(operation + " " + type + ": no examples");
					continue;
				}
				if (operation.path.contains("{")) {
					continue;
				}
				// an operation may document several successes (POST /jobs: 202 queued, 201 created running)
				List<Integer> successes = operation.node.path("responses").propertyNames().stream()
					.filter(code -> code.startsWith("2"))
					.map(Integer::parseInt)
					.toList();
				for (Map.Entry<String, JsonNode> example : examples.properties()) {
					JsonNode value = example.getValue().path("value");
					if (example.getValue().path("summary").asString("").isBlank()) {
						failures.add(operation + " example " + example.getKey() + ": no summary");
					}
					String body = value.isString() ? value.asString() : JSON.writeValueAsString(value);
					var response = mvc.perform(request(HttpMethod.valueOf(operation.method.toUpperCase()), operation.path)
						.contentType(type)
						.content(body)).andReturn().getResponse();
					posted++;
					if (!successes.contains(response.getStatus())) {
						failures.add(operation + " example " + example.getKey() + ": " + response.getStatus() + " (expected "
								+ successes + ") " + response.getContentAsString());
					}
				}
			}
		}
		assertThat(posted).as("examples posted").isGreaterThanOrEqualTo(20);
		assertThat(failures).isEmpty();
	}

	private List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			if (!path.getKey().startsWith("/api/")) {
				continue;
			}
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
					operations.add(new Operation(path.getKey(), method.getKey(), method.getValue(),
							path.getValue().path("parameters")));
				}
			}
		}
		return operations;
	}

	private record Operation(String path, String method, JsonNode node, JsonNode pathLevelParameters) {

		List<JsonNode> parameters() {
			return Stream.concat(pathLevelParameters.valueStream(), node.path("parameters").valueStream()).toList();
		}

		@Override
		public String toString() {
			return method.toUpperCase() + " " + path;
		}

	}

}
