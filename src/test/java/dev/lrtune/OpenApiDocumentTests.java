package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.SmoothedLoss;
import dev.lrtune.core.train.TrainingSettings;

/**
 * The OpenAPI document as Swagger UI receives it: valid OpenAPI 3.1, schedules as a {@code oneOf} with a
 * discriminator, and an example request per schedule type that the API accepts as it is.
 */
@ServiceOverMockMvc
class OpenApiDocumentTests {

	private static final String PREVIEW = "/api/v1/schedules/preview";

	private static final List<String> TYPES = List.of("constant", "step", "multistep", "exponential", "linear",
			"polynomial", "inverse_time", "cosine", "cosine_restarts", "cyclic", "one_cycle", "plateau", "piecewise",
			"warmup", "sequential");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	// The document, fetched and read once for the class: the context's document does not change between its tests,
	// and writing it out and reading it again took tens of milliseconds a test in the tests' C1 JVM.
	private static String document;

	private static JsonNode root;

	private static JsonNode schemas;

	@BeforeEach
	void fetchTheDocument() throws Exception {
		if (document == null) {
			document = mvc.perform(get("/v3/api-docs"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			root = JSON.readTree(document);
			schemas = root.get("components").get("schemas");
		}
	}

	@AfterAll
	static void forgetTheDocument() {
		document = null;
		root = null;
		schemas = null;
	}

	@Test
	void theDocumentIsOpenApi31AndTheSwaggerParserFindsNothingWrongInIt() {
		assertThat(root.get("openapi").asString()).isEqualTo("3.1.0");
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setValidateInternalRefs(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
		assertThat(result.getMessages()).isEmpty();
		assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
		assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/schedules", PREVIEW);
	}

	/** The served document, saved where the CI's Spectral lint reads it (.ci/run). */
	@Test
	void theServedDocumentIsSavedForTheLinter() throws Exception {
		Path saved = Path.of("target", "openapi.json");
		Files.createDirectories(saved.getParent());
		Files.writeString(saved, document, StandardCharsets.UTF_8);
		assertThat(JSON.readTree(Files.readString(saved, StandardCharsets.UTF_8))).isEqualTo(JSON.readTree(document));
	}

	@Test
	void scheduleSpecIsAOneOfWithATypeDiscriminatorMappingEveryType() {
		JsonNode spec = schemas.get("ScheduleSpec");
		assertThat(spec.get("discriminator").get("propertyName").asString()).isEqualTo("type");
		JsonNode mapping = spec.get("discriminator").get("mapping");
		assertThat(mapping.propertyNames()).containsExactlyElementsOf(TYPES);
		List<String> oneOf = spec.get("oneOf").valueStream().map(ref -> ref.get("$ref").asString()).toList();
		assertThat(oneOf).hasSize(15).containsExactlyInAnyOrderElementsOf(mapping.valueStream().map(JsonNode::asString).toList());
		for (String type : TYPES) {
			String ref = mapping.get(type).asString();
			JsonNode subtype = schemas.get(ref.substring("#/components/schemas/".length()));
			assertThat(subtype).as(ref).isNotNull();
			// a plain object pinned to its type: no allOf back to ScheduleSpec, so oneOf matches exactly one
			assertThat(subtype.has("allOf")).as(ref).isFalse();
			assertThat(subtype.get("properties").get("type").get("const").asString()).as(ref).isEqualTo(type);
			assertThat(subtype.get("required").valueStream().map(JsonNode::asString)).as(ref).contains("type");
			assertThat(subtype.get("additionalProperties").asBoolean(true)).as(ref).isFalse();
		}
	}

	@Test
	void nestedSchedulesReferToScheduleSpec() {
		assertThat(properties("WarmupSpec").get("then").get("$ref").asString())
			.isEqualTo("#/components/schemas/ScheduleSpec");
		assertThat(properties("SequentialSpec").get("schedules").get("items").get("$ref").asString())
			.isEqualTo("#/components/schemas/ScheduleSpec");
	}

	@Test
	void defaultsAreWrittenAsTheirOwnJsonType() {
		assertThat(properties("CyclicSpec").get("gamma").get("default").isNumber()).isTrue();
		assertThat(properties("PlateauSpec").get("eps").get("default").asDouble()).isEqualTo(1e-8);
		assertThat(properties("CyclicSpec").get("stepSizeUp").get("default").asInt()).isEqualTo(2000);
		assertThat(properties("CyclicSpec").get("cycleMomentum").get("default").isBoolean()).isTrue();
		assertThat(properties("CyclicSpec").get("mode").get("default").asString()).isEqualTo("triangular");
	}

	@Test
	void theDefaultsTheDocumentShowsAreTheCoresOwn() {
		JsonNode rangeTest = properties("RangeTestRequest");
		RangeTestOptions defaults = RangeTestOptions.defaults();
		assertThat(rangeTest.get("startLr").get("default").asDouble()).isEqualTo(defaults.startLr());
		assertThat(rangeTest.get("endLr").get("default").asDouble()).isEqualTo(defaults.endLr());
		assertThat(rangeTest.get("iterations").get("default").asInt()).isEqualTo(defaults.iterations());
		assertThat(rangeTest.get("iterations").get("description").asString())
			.contains("at most " + RangeTestOptions.MAX_ITERATIONS);
		assertThat(rangeTest.get("mode").get("default").asString()).isEqualTo(defaults.mode().jsonName());
		assertThat(rangeTest.get("smoothing").get("default").asDouble()).isEqualTo(defaults.smoothing());
		assertThat(rangeTest.get("divergenceFactor").get("default").asDouble()).isEqualTo(defaults.divergenceFactor());
		assertThat(rangeTest.get("repeats").get("default").asInt()).isEqualTo(defaults.repeats());
		assertThat(rangeTest.get("repeats").get("description").asString())
			.contains("at most " + RangeTestOptions.MAX_REPEATS);
		assertThat(rangeTest.get("lossSource").get("default").asString()).isEqualTo(defaults.lossSource().jsonName());
		assertThat(properties("AnalyzeRequest").get("smoothing").get("default").asDouble())
			.isEqualTo(SmoothedLoss.DEFAULT_SMOOTHING);
		for (String request : List.of("JobRequest", "StudyRequest")) {
			assertThat(properties(request).get("batchSize").get("default").asInt())
				.isEqualTo(TrainingSettings.DEFAULT_BATCH_SIZE);
			assertThat(properties(request).get("validationFraction").get("default").asDouble())
				.isEqualTo(SplitDataset.DEFAULT_VALIDATION_FRACTION);
		}
	}

	@Test
	void thePreviewDocumentsItsNullableEntriesAndItsProblemDetails() {
		JsonNode momentum = properties("PreviewResponse").get("momentum");
		assertThat(momentum.get("items").get("type").valueStream().map(JsonNode::asString)).contains("number", "null");
		assertThat(properties("PreviewRequest").get("metrics").get("items").get("type").valueStream()
			.map(JsonNode::asString)).contains("number", "null");
		JsonNode problem = operation().get("responses").get("400").get("content").get("application/problem+json");
		assertThat(problem.get("schema").get("$ref").asString()).isEqualTo("#/components/schemas/BadRequestProblem");
		assertThat(properties("BadRequestProblem").propertyNames()).contains("status", "title", "detail", "errors");
	}

	@Test
	void everyExampleOfThePreviewIsAnsweredWith200() throws Exception {
		JsonNode examples = operation().get("requestBody").get("content").get("application/json").get("examples");
		assertThat(examples.propertyNames()).containsExactlyElementsOf(TYPES);
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, JsonNode> example : examples.properties()) {
			JsonNode request = example.getValue().get("value");
			assertThat(example.getValue().get("summary").asString()).startsWith(example.getKey());
			assertThat(request.get("schedule").get("type").asString()).isEqualTo(example.getKey());
			var response = mvc
				.perform(post(PREVIEW).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(request)))
				.andReturn()
				.getResponse();
			if (response.getStatus() != 200) {
				failures.add(example.getKey() + ": " + response.getStatus() + " " + response.getContentAsString());
				continue;
			}
			JsonNode preview = JSON.readTree(response.getContentAsString());
			assertThat(preview.get("lr").size()).as(example.getKey()).isEqualTo(request.get("steps").asInt());
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void thePlateauExampleBringsOneMetricPerStepWithGaps() {
		JsonNode plateau = operation().get("requestBody").get("content").get("application/json").get("examples")
			.get("plateau").get("value");
		JsonNode metrics = plateau.get("metrics");
		assertThat(metrics.size()).isEqualTo(plateau.get("steps").asInt());
		assertThat(metrics.valueStream().filter(JsonNode::isNull).count()).isPositive();
		assertThat(metrics.valueStream().filter(JsonNode::isNumber).count()).isPositive();
	}

	@Test
	void swaggerUiIsServedAndReadsThisDocument() throws Exception {
		mvc.perform(get("/swagger-ui.html")).andExpect(status().isFound())
			.andExpect(redirectedUrl("/swagger-ui/index.html"));
		mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
		String config = mvc.perform(get("/v3/api-docs/swagger-config"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(config).get("url").asString()).isEqualTo("/v3/api-docs");
	}

	private JsonNode operation() {
		return root.get("paths").get(PREVIEW).get("post");
	}

	private JsonNode properties(String schema) {
		return schemas.get(schema).get("properties");
	}

}
