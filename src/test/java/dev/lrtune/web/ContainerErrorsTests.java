package dev.lrtune.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.lrtune.RawHttp;
import dev.lrtune.RawHttp.Answer;
import dev.lrtune.ServiceWithApiKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat and Spring refuse before or around a handler, over real HTTP: a problem, never HTML, Boot's error JSON,
 * an empty body or a 500; {@code nosniff} on every answer; ids in plain ASCII decimal; and an API key that Tomcat
 * refuses never written to the log.
 */
@ServiceWithApiKeys
@ExtendWith(OutputCaptureExtension.class)
class ContainerErrorsTests {

	static final String KEY = ServiceWithApiKeys.RARE_KEY;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private Answer get(String target, Map<String, String> headers) throws IOException {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.putIfAbsent("X-API-Key", KEY);
		return RawHttp.send(port, "GET", target, all, null);
	}

	private Answer get(String target) throws IOException {
		return get(target, Map.of());
	}

	private static JsonNode problem(Answer answer, int status) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
		JsonNode problem = JSON.readTree(answer.text());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("java.", "Exception", "<html");
		return problem;
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/jobs/%00", "/api/v1/jobs/a%2Fb", "/api/v1/jobs/a%5Cb", "/api/v1/jobs/%C3%28",
			"/api/v1/jobs/%", "/api/v1/jobs?x[]=1", "/api/v1/jobs?bogus=%FF", "/api/v1/jobs?size=%",
			"/api/v1/jobs?size=%G1", "/api/v1/jobs/1/curve/stream?apiKey=%" })
	void whatTheContainerOrTheQueryParserRefusesIsA400Problem(String target) throws IOException {
		problem(get(target), 400);
	}

	@Test
	void anUnparsableAcceptIsA400ProblemNamingTheHeader() throws IOException {
		JsonNode problem = problem(get("/api/v1/nothing-here", Map.of("Accept", ";;;/")), 400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Accept");
	}

	@Test
	void traceIsA405Problem() throws IOException {
		problem(RawHttp.send(port, "TRACE", "/api/v1/jobs", Map.of("X-API-Key", KEY), null), 405);
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*" })
	void aWildcardContentTypeOnAJsonOperationIsA415Problem(String contentType) throws IOException {
		byte[] body = "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 3}".getBytes(StandardCharsets.UTF_8);
		problem(RawHttp.send(port, "POST", "/api/v1/schedules/preview",
				Map.of("X-API-Key", KEY, "Content-Type", contentType), body), 415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/jobs/+1", "/api/v1/jobs/01", "/api/v1/jobs/%D9%A1", "/api/v1/jobs/0x1",
			"/api/v1/studies/-1", "/api/v1/datasets/1%20" })
	void anIdThatIsNotPlainAsciiDecimalIsA400NamingIt(String target) throws IOException {
		JsonNode problem = problem(get(target), 400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("id");
	}

	@Test
	void aPlainIdThatNamesNothingIsStillA404() throws IOException {
		problem(get("/api/v1/jobs/123456"), 404);
	}

	@Test
	void aValueOfTheWrongTypeIsDescribedInTheClientsTerms() throws IOException {
		Answer answer = RawHttp.send(port, "POST", "/api/v1/datasets?standardize=maybe",
				Map.of("X-API-Key", KEY, "Content-Type", "text/csv"), "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
		JsonNode problem = problem(answer, 400);
		assertThat(problem.get("detail").asString()).isEqualTo("standardize: must be true or false, got 'maybe'");
	}

	@Test
	void aLongInvalidValueIsEchoedCutShort() throws IOException {
		String huge = "x".repeat(100_000);
		byte[] body = ("{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"" + huge + "\"}}")
			.getBytes(StandardCharsets.UTF_8);
		Answer answer = RawHttp.send(port, "POST", "/api/v1/jobs",
				Map.of("X-API-Key", KEY, "Content-Type", "application/json"), body);
		problem(answer, 400);
		assertThat(answer.body().length).isLessThan(5_000);
		assertThat(answer.text()).contains("…");
	}

	@ParameterizedTest
	@ValueSource(strings = { "multipart/form-data", "multipart/form-data; boundary=cut", "multipart/form-data; boundary=lf" })
	void aBrokenMultipartBodyIsA400Problem(String contentType) throws IOException {
		String body = switch (contentType) {
			case "multipart/form-data" -> "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b\n1,2\n\r\n--x--\r\n";
			case "multipart/form-data; boundary=cut" -> "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b\n1,2\n";
			default -> "--lf\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\n\na,b\n1,2\n\n--lf--\n";
		};
		problem(RawHttp.send(port, "POST", "/api/v1/datasets", Map.of("X-API-Key", KEY, "Content-Type", contentType),
				body.getBytes(StandardCharsets.UTF_8)), 400);
	}

	@Test
	void aFileNameLongerThanAPartsHeadersMayBeIsA413StatingThatLimit() throws IOException {
		String name = "f".repeat(5_000) + ".csv";
		String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n3,4\n\r\n--b--\r\n";
		Answer answer = RawHttp.send(port, "POST", "/api/v1/datasets",
				Map.of("X-API-Key", KEY, "Content-Type", "multipart/form-data; boundary=b"), body.getBytes(StandardCharsets.UTF_8));
		JsonNode problem = problem(answer, 413);
		assertThat(problem.get("maxBytes").asLong()).isEqualTo(4096);
		assertThat(problem.get("detail").asString()).contains("headers").doesNotContain("52428800");
	}

	@Test
	void whatAColumnCannotHoldIsA400NamingTheFieldNotA500() throws IOException {
		String reference = "synthetic:blobs?samples=200&seed=" + "0".repeat(1000) + "1";
		for (String path : List.of("/api/v1/jobs", "/api/v1/studies")) {
			String body = path.endsWith("jobs")
					? "{\"type\": \"training\", \"dataset\": \"" + reference + "\", \"model\": {\"type\": \"logistic\"}, "
							+ "\"training\": {\"iterations\": 10, \"schedule\": {\"type\": \"constant\", \"lr\": 0.1}}}"
					: "{\"dataset\": \"" + reference + "\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 90, "
							+ "\"candidates\": [{\"type\": \"constant\", \"lr\": 0.1}, {\"type\": \"constant\", \"lr\": 0.01}]}";
			JsonNode problem = problem(RawHttp.send(port, "POST", path, Map.of("X-API-Key", KEY, "Content-Type",
					"application/json"), body.getBytes(StandardCharsets.UTF_8)), 400);
			assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).as(path).contains("dataset");
		}
		String longName = "c".repeat(1001);
		JsonNode target = problem(RawHttp.send(port, "POST", "/api/v1/datasets?target=" + longName,
				Map.of("X-API-Key", KEY, "Content-Type", "text/csv"), "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)), 400);
		assertThat(target.get("errors").get(0).get("field").asString()).isEqualTo("target");
		JsonNode header = problem(RawHttp.send(port, "POST", "/api/v1/datasets", Map.of("X-API-Key", KEY, "Content-Type",
				"text/csv"), ("a," + longName + "\n1,2\n3,4\n").getBytes(StandardCharsets.UTF_8)), 400);
		assertThat(header.get("line").asInt()).isEqualTo(1);
	}

	@Test
	void everyAnswerSaysNosniff() throws IOException {
		assertThat(get("/api/v1/schedules").header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(get("/v3/api-docs").header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(get("/").header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(get("/actuator/health").header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void aKeyInAHeaderTomcatRefusesNeverReachesTheLog(CapturedOutput output) throws IOException {
		Answer answer = RawHttp.send(port, "GET", "/api/v1/jobs", Map.of("X-API-Key", KEY + "\u0001"), null);
		problem(answer, 400);
		Answer again = RawHttp.send(port, "GET", "/api/v1/jobs", Map.of("X-API-Key", KEY + "\u0007tail"), null);
		problem(again, 400);
		assertThat(output.getAll()).doesNotContain(KEY);
	}

}
