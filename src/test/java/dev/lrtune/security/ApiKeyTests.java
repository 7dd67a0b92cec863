package dev.lrtune.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.lrtune.ServiceWithApiKeys;

/**
 * {@code /api/**} with keys configured ({@code first-key} and {@code second-key} among them): over MockMvc, and over
 * real HTTP for paths a container normalises.
 */
@ServiceWithApiKeys
class ApiKeyTests {

	private static final String SCHEDULES = "/api/v1/schedules";

	private static final String STREAM = "/api/v1/jobs/987654/curve/stream";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SecuritySettings settings;

	@LocalServerPort
	private int port;

	private final HttpClient client = HttpClient.newHttpClient();

	private static void isUnauthorized(ResultActions result, String title) throws Exception {
		result.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-Key\""))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.detail", containsString("X-API-Key")));
	}

	@Test
	void withoutAKeyTheApiAnswers401() throws Exception {
		isUnauthorized(mvc.perform(get(SCHEDULES)), "Missing API key");
		isUnauthorized(mvc.perform(get(SCHEDULES).header("X-API-Key", "")), "Missing API key");
		isUnauthorized(mvc.perform(get("/api/v1/no-such-endpoint")), "Missing API key");
	}

	@Test
	void aWrongKeyIs401() throws Exception {
		isUnauthorized(mvc.perform(get(SCHEDULES).header("X-API-Key", "first-ke")), "Invalid API key");
		isUnauthorized(mvc.perform(get(SCHEDULES).header("X-API-Key", "first-key2")), "Invalid API key");
		isUnauthorized(mvc.perform(get(SCHEDULES).header("X-API-Key", "FIRST-KEY")), "Invalid API key");
	}

	@Test
	void aJobOrCurveServedFromTheReadCacheStillNeedsAKey() throws Exception {
		String submitted = mvc.perform(post("/api/v1/jobs").header("X-API-Key", "first-key")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
					 "seed": 1, "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}"""))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String job = "/api/v1/jobs/" + submitted.replaceFirst("^\\{\"id\":(\\d+),.*$", "$1");
		mvc.perform(get(job).header("X-API-Key", "first-key")).andExpect(status().isOk());
		mvc.perform(get(job).header("X-API-Key", "first-key")).andExpect(status().isOk());
		isUnauthorized(mvc.perform(get(job)), "Missing API key");
		isUnauthorized(mvc.perform(get(job).header("X-API-Key", "wrong")), "Invalid API key");

		String curve = job + "/curve?maxPoints=100";
		mvc.perform(get(curve).header("X-API-Key", "first-key")).andExpect(status().isOk());
		mvc.perform(get(curve).header("X-API-Key", "first-key")).andExpect(status().isOk());
		isUnauthorized(mvc.perform(get(curve)), "Missing API key");
		isUnauthorized(mvc.perform(get(curve).header("X-API-Key", "wrong")), "Invalid API key");
	}

	@Test
	void eitherConfiguredKeyIsAccepted() throws Exception {
		mvc.perform(get(SCHEDULES).header("X-API-Key", "first-key")).andExpect(status().isOk());
		mvc.perform(get(SCHEDULES).header("X-API-Key", "second-key")).andExpect(status().isOk());
	}

	@Test
	void healthAndTheDocsStayOpen() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.securitySchemes.apiKey.type").value("apiKey"))
			.andExpect(jsonPath("$.components.securitySchemes.apiKey.in").value("header"))
			.andExpect(jsonPath("$.components.securitySchemes.apiKey.name").value("X-API-Key"))
			.andExpect(jsonPath("$.security[0].apiKey").isArray());
		mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
		for (String open : new String[] { "/", "/index.html", "/app.js", "/webjars/uplot/uPlot.min.css", "/error" }) {
			assertThat(mvc.perform(get(open)).andReturn().getResponse().getStatus()).as(open).isNotEqualTo(401);
		}	}

	@Test
	void healthShowsItsDetailsOnlyToAKeyHolder() throws Exception {
		mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		mvc.perform(get("/actuator/health").header("X-API-Key", "wrong-key"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components").doesNotExist());
		mvc.perform(get("/actuator/health").header("X-API-Key", "first-key"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.db.status").value("UP"))
			.andExpect(jsonPath("$.components.workers.details.enabled").value(false));
	}

	@Test
	void corsPreflightPasses() throws Exception {
		int status = mvc.perform(options(SCHEDULES).header("Origin", "https://example.org")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "X-API-Key")).andReturn().getResponse().getStatus();
		assertThat(status).isNotEqualTo(401);
	}

	@Test
	void theStreamAlsoAcceptsTheKeyAsAQueryParameter() throws Exception {
		// Past the key check the unknown job is a 404 problem.
		mvc.perform(get(STREAM).param("apiKey", "second-key")).andExpect(status().isNotFound());
		mvc.perform(get(STREAM).header("X-API-Key", "second-key")).andExpect(status().isNotFound());
		isUnauthorized(mvc.perform(get(STREAM).param("apiKey", "wrong")), "Invalid API key");
		isUnauthorized(mvc.perform(get(STREAM)), "Missing API key");
	}

	@Test
	void onlyTheStreamAcceptsTheQueryParameter() throws Exception {
		isUnauthorized(mvc.perform(get(SCHEDULES).param("apiKey", "first-key")), "Missing API key");
	}

	@Test
	void theKeysAreNeverInTheSettingsText() {
		assertThat(settings.toString()).doesNotContain("first-key").doesNotContain("second-key");
	}

	@Test
	void overHttpTheKeyIsCheckedAndTheStreamTakesTheQueryParameter() throws Exception {
		assertThat(send(SCHEDULES, null).statusCode()).isEqualTo(401);
		HttpResponse<String> ok = send(SCHEDULES, "first-key");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(send(STREAM + "?apiKey=first-key", null).statusCode()).isEqualTo(404);
		HttpResponse<String> rejected = send(STREAM + "?apiKey=nope", null);
		assertThat(rejected.statusCode()).isEqualTo(401);
		assertThat(rejected.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(rejected.body()).contains("Invalid API key").doesNotContain("nope");
	}

	/** Spellings the container reads as an /api path must not slip past the check. */
	@ParameterizedTest
	@ValueSource(strings = { "//api/v1/schedules", "/api;x=1/v1/schedules", "/%61pi/v1/schedules",
			"/api/v1/./schedules", "/foo/../api/v1/schedules", "/api/v1/schedules/" })
	void spellingsOfAnApiPathOverHttpNeedTheKeyToo(String path) throws Exception {
		assertThat(send(path, null).statusCode()).as(path).isEqualTo(401);
	}

	private HttpResponse<String> send(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
