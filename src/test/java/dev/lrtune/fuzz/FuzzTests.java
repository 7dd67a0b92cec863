package dev.lrtune.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.lrtune.DocumentedResponses;
import dev.lrtune.RawHttp;
import dev.lrtune.RawHttp.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A seeded mutational fuzzer over every operation of the OpenAPI document, over real HTTP: wrong types, nulls, extreme
 * numbers, deep nesting, long strings and arrays, odd content types and encodings, broken JSON, CSV and multipart,
 * malformed ids, escapes and headers. Whatever it sends, the answer is never a 5xx; an error is an
 * {@code application/problem+json} naming no Java type and repeating at most a bounded part of the input; every
 * answer carries {@code nosniff} and is one the document lists; and afterwards the service is healthy and a normal
 * job gives the same result as before.
 *
 * <p>{@code -Dlrtune.fuzz.cases=N} sets the number of cases (default 300), {@code -Dlrtune.fuzz.seed=S} the seed; a
 * failing case's name holds its number, so the same seed replays it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=1",
		"lrtune.jobs.max-iterations=2000", "lrtune.curves.flush-interval=50ms",
		// the client writes a whole refused body before it reads the answer
		"server.tomcat.max-swallow-size=-1" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzTests {

	static final long SEED = Long.getLong("lrtune.fuzz.seed", 20261206L);

	static final int CASES = Integer.getInteger("lrtune.fuzz.cases", 300);

	/** The most bytes an error may take: a detail and a few fields, each client value cut to a couple of hundred. */
	static final int MAX_ERROR_BYTES = 16_384;

	/** Text only a stack trace, a Java-level message or a framework's own error page would hold. */
	static final List<String> LEAKS = List.of("java.", "javax.", "jakarta.", "tools.jackson", "com.fasterxml",
			"org.springframework", "org.apache", "Exception", "\tat ", "<html", "<!doctype", "Whitelabel");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NORMAL_JOB = """
			{"type": "training", "dataset": "synthetic:moons?samples=200&seed=3", "model": {"type": "logistic"},
			 "seed": 5, "training": {"iterations": 60, "evaluateEvery": 20, "schedule": {"type": "constant", "lr": 0.1}}}""";

	private static final String NORMAL_ANALYSIS = """
			{"lr": [0.0001, 0.001, 0.01, 0.1, 1, 10], "loss": [2.0, 1.9, 1.2, 0.6, 0.9, 8.0], "smoothing": 0}""";

	@LocalServerPort
	private int port;

	private DocumentedResponses documented;

	private List<Operation> operations;

	private long dataset;

	private long finishedJob;

	private JsonNode resultBefore;

	private String analysisBefore;

	record Operation(String method, String path, List<JsonNode> parameters, Map<String, List<JsonNode>> examples) {

		boolean json() {
			return examples.containsKey("application/json");
		}

	}

	record Request(String name, String method, String target, Map<String, String> headers, byte[] body) {
	}

	@BeforeAll
	void readTheDocument() throws IOException {
		documented = DocumentedResponses.of(port);
		JsonNode document = JSON.readTree(RawHttp.send(port, "GET", "/v3/api-docs", Map.of(), null).text());
		operations = new ArrayList<>();
		document.get("paths").properties().forEach(path -> {
			if (!path.getKey().startsWith("/api/")) {
				return;
			}
			path.getValue().properties().forEach(method -> {
				if (!List.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
					return;
				}
				Map<String, List<JsonNode>> examples = new LinkedHashMap<>();
				method.getValue().path("requestBody").path("content").properties().forEach(media -> {
					List<JsonNode> values = new ArrayList<>();
					media.getValue().path("examples").values().forEach(example -> values.add(example.get("value")));
					examples.put(media.getKey(), values);
				});
				operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(),
						method.getValue().path("parameters").valueStream().toList(), examples));
			});
		});
		assertThat(operations).hasSizeGreaterThanOrEqualTo(15);
	}

	@Test
	@Order(1)
	void beforeTheFuzzingANormalJobAndAnAnalysisSucceed() throws Exception {
		Answer upload = RawHttp.send(port, "POST", "/api/v1/datasets?name=fuzz&target=y", Map.of("Content-Type", "text/csv"),
				"x1,x2,y\n1,2,a\n2,1,b\n3,4,a\n4,3,b\n5,6,a\n6,5,b\n".getBytes(StandardCharsets.UTF_8));
		assertThat(upload.status()).as(upload.text()).isEqualTo(201);
		dataset = JSON.readTree(upload.text()).get("id").asLong();
		JsonNode job = runNormalJob();
		finishedJob = job.get("id").asLong();
		resultBefore = job.get("result");
		analysisBefore = analyze();
	}

	@TestFactory
	@Order(2)
	Stream<DynamicTest> hostileRequestsAreAnsweredAsDocumented() {
		return IntStream.range(0, CASES).mapToObj(i -> {
			Request request = request(i, new SplittableRandom(SEED + 0x9E3779B97F4A7C15L * i));
			return dynamicTest(String.format("case %d: %s", i, request.name()), () -> check(request));
		});
	}

	@Test
	@Order(3)
	void afterwardsTheServiceIsHealthyAndANormalJobGivesTheSameResult() throws Exception {
		cancelEverythingActive();
		Answer health = RawHttp.send(port, "GET", "/actuator/health", Map.of(), null);
		assertThat(health.status()).as(health.text()).isEqualTo(200);
		assertThat(JSON.readTree(health.text()).get("status").asString()).isEqualTo("UP");
		assertThat(runNormalJob().get("result")).isEqualTo(resultBefore);
		assertThat(analyze()).isEqualTo(analysisBefore);
	}

	private void check(Request request) throws IOException {
		Answer answer = RawHttp.send(port, request.method(), request.target(), request.headers(), request.body());
		List<String> violations = violations(request, answer);
		assertThat(violations).as("%s %s -> %d %s", request.method(), abbreviate(request.target()), answer.status(),
				abbreviate(answer.text())).isEmpty();
	}

	/** Each rule the answer breaks, prefixed by the rule's name (the report counts them by it). */
	List<String> violations(Request request, Answer answer) {
		List<String> violations = new ArrayList<>();
		String body = answer.text();
		if (answer.status() >= 500) {
			violations.add("5xx: " + answer.status());
		}
		if (!"nosniff".equals(answer.header("X-Content-Type-Options"))) {
			violations.add("nosniff: missing");
		}
		if (answer.status() >= 400 && !request.method().equals("HEAD")) {
			String type = answer.contentType() == null ? "" : answer.contentType();
			if (!type.startsWith("application/problem+json")) {
				violations.add("not-problem: " + type);
			}
			else {
				try {
					JsonNode problem = JSON.readTree(body);
					if (problem.path("status").asInt() != answer.status() || problem.path("title").asString("").isBlank()
							|| problem.path("detail").asString("").isBlank()) {
						violations.add("not-problem: members missing");
					}
				}
				catch (RuntimeException ex) {
					violations.add("not-problem: body is not JSON");
				}
			}
			LEAKS.stream().filter(body::contains).findFirst().ifPresent(leak -> violations.add("type-name: " + leak));
			if (answer.body().length > MAX_ERROR_BYTES) {
				violations.add("unbounded: " + answer.body().length + " bytes");
			}
		}
		String path = request.target().split("\\?", 2)[0];
		if (path.startsWith("/api/")) {
			documented.problems(request.method(), request.target(), answer.status(), answer.contentType(), answer.body())
				.forEach(problem -> violations.add("undocumented: " + problem));
		}
		return violations;
	}

	/** Case {@code i}: an operation and one way to abuse it. */
	private Request request(int i, SplittableRandom random) {
		Operation operation = Mutations.pick(random, operations);
		int kind = random.nextInt(100);
		if (operation.json() && kind < 45) {
			return jsonBody(operation, random);
		}
		if (operation.examples().containsKey("text/csv") && kind < 60) {
			return upload(operation, random);
		}
		if (kind < 85) {
			return parameters(operation, random);
		}
		return oddities(operation, random);
	}

	private Request jsonBody(Operation operation, SplittableRandom random) {
		JsonNode example = Mutations.pick(random, operation.examples().get("application/json"));
		Map<String, String> headers = new LinkedHashMap<>();
		byte[] body;
		String what;
		if (random.nextInt(4) == 0) {
			body = Mutations.damaged(Mutations.json(example), random);
			what = "damaged JSON";
		}
		else {
			JsonNode mutated = example;
			int mutations = random.nextInt(1, 4);
			for (int m = 0; m < mutations; m++) {
				mutated = Mutations.mutate(mutated, random);
			}
			body = Mutations.json(mutated).getBytes(StandardCharsets.UTF_8);
			what = mutations + " mutated values";
		}
		String contentType = Mutations.pick(random, List.of("application/json", "application/json", "application/json",
				"application/json; charset=UTF-8", "text/plain", "application/xml", "*/*", "application/*",
				"application/json; charset=UTF-16", "application/x-www-form-urlencoded", "", "application/merge-patch+json",
				"multipart/form-data; boundary=x"));
		if (contentType.endsWith("UTF-16")) {
			body = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
		}
		if (!contentType.isEmpty()) {
			headers.put("Content-Type", contentType);
		}
		return new Request(operation.method() + " " + operation.path() + " with " + what + " as '" + contentType + "'",
				operation.method(), target(operation, random, false), headers, body);
	}

	private Request upload(Operation operation, SplittableRandom random) {
		byte[] csv = Mutations.csv(random);
		StringBuilder query = new StringBuilder("?name=fuzz");
		for (JsonNode parameter : operation.parameters()) {
			if (random.nextInt(3) == 0) {
				query.append('&').append(parameter.get("name").asString()).append('=').append(Mutations.rawValue(random));
			}
		}
		String target = operation.path() + query;
		Map<String, String> headers = new LinkedHashMap<>();
		int form = random.nextInt(8);
		if (form < 4) {
			headers.put("Content-Type", Mutations.pick(random, List.of("text/csv", "text/csv; charset=UTF-8",
					"text/plain", "text/csv; charset=latin1", "text/csv; charset=bogus")));
			return new Request("upload a CSV body (" + csv.length + " bytes)", "POST", target, headers, csv);
		}
		String name = random.nextBoolean() ? "data.csv" : "f".repeat(random.nextInt(100, 6000)) + ".csv";
		String part = "Content-Disposition: form-data; name=\"" + (random.nextInt(6) == 0 ? "upload" : "file")
				+ "\"; filename=\"" + name + "\"\r\nContent-Type: text/csv\r\n\r\n";
		String variant = Mutations.pick(random, List.of("well formed", "no boundary", "cut short", "LF line breaks",
				"many parts"));
		StringBuilder multipart = new StringBuilder();
		String contentType = "multipart/form-data; boundary=BOUNDARY";
		String csvText = new String(csv, StandardCharsets.ISO_8859_1);
		switch (variant) {
			case "no boundary" -> {
				contentType = "multipart/form-data";
				multipart.append("--BOUNDARY\r\n").append(part).append(csvText).append("\r\n--BOUNDARY--\r\n");
			}
			case "cut short" -> multipart.append("--BOUNDARY\r\n").append(part).append(csvText);
			case "LF line breaks" -> multipart.append(("--BOUNDARY\r\n" + part + csvText + "\r\n--BOUNDARY--\r\n")
				.replace("\r\n", "\n"));
			case "many parts" -> {
				for (int p = 0; p < 80; p++) {
					multipart.append("--BOUNDARY\r\nContent-Disposition: form-data; name=\"f").append(p).append("\"\r\n\r\nv\r\n");
				}
				multipart.append("--BOUNDARY\r\n").append(part).append(csvText).append("\r\n--BOUNDARY--\r\n");
			}
			default -> multipart.append("--BOUNDARY\r\n").append(part).append(csvText).append("\r\n--BOUNDARY--\r\n");
		}
		headers.put("Content-Type", contentType);
		return new Request("upload multipart, " + variant + ", file name of " + name.length(), "POST", target, headers,
				multipart.toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	private Request parameters(Operation operation, SplittableRandom random) {
		Map<String, String> headers = new LinkedHashMap<>();
		byte[] body = null;
		if (operation.json()) {
			headers.put("Content-Type", "application/json");
			body = Mutations.json(Mutations.pick(random, operation.examples().get("application/json")))
				.getBytes(StandardCharsets.UTF_8);
		}
		return new Request(operation.method() + " " + operation.path() + " with odd parameters", operation.method(),
				target(operation, random, true), headers, body);
	}

	private Request oddities(Operation operation, SplittableRandom random) {
		Map<String, String> headers = new LinkedHashMap<>();
		String target = target(operation, random, false);
		String method = operation.method();
		String what = switch (random.nextInt(7)) {
			case 0 -> {
				headers.put("Accept", Mutations.pick(random, List.of(";;;/", "text/html", "application/xml", "image/png",
						"text/csv", "*/*;q=x", "application/json;q=0", "", "a/b/c")));
				yield "Accept " + headers.get("Accept");
			}
			case 1 -> {
				method = Mutations.pick(random, List.of("PUT", "PATCH", "TRACE", "OPTIONS", "HEAD", "PROPFIND", "DELETE"));
				yield "method " + method;
			}
			case 2 -> {
				target = operation.path().replaceAll("\\{[^}]+}", "1") + Mutations.pick(random, List.of("/%00", "/%2F",
						"/%5C..", "/%C3%28", "/%", "/..;/..;/actuator/env", "/;jsessionid=1", "//", "/x%20y"));
				yield "path " + abbreviate(target);
			}
			case 3 -> {
				target = operation.path().replaceAll("\\{[^}]+}", "1") + "?" + Mutations.pick(random, List.of("x[]=1",
						"a=%", "bogus=%FF", "a=1&a=2&a=3", "=", "&&&", "%=%", "a=" + "%41".repeat(1000),
						"a=1&".repeat(1500)));
				yield "query " + abbreviate(target);
			}
			case 4 -> {
				headers.put("Content-Type", Mutations.pick(random, List.of("application/json; charset=\"", ";", "json",
						"application/json; boundary=", "text/csv; charset=x-unknown")));
				yield "Content-Type " + headers.get("Content-Type");
			}
			case 5 -> {
				headers.put("Content-Length", "1");
				yield "Content-Length shorter than the body";
			}
			default -> {
				headers.put("X-Forwarded-For", "\"<script>\"");
				headers.put("Accept-Charset", "bogus");
				yield "odd headers";
			}
		};
		byte[] body = operation.json() ? "{}".getBytes(StandardCharsets.UTF_8) : null;
		if (headers.containsKey("Content-Length")) {
			body = "{}".getBytes(StandardCharsets.UTF_8);
		}
		return new Request(operation.method() + " " + operation.path() + ": " + what, method, target, headers, body);
	}

	/** The operation's path with its ids filled in, and sometimes each query parameter set to something odd. */
	private String target(Operation operation, SplittableRandom random, boolean oddParameters) {
		java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\{[^}]+}").matcher(operation.path());
		StringBuilder filled = new StringBuilder();
		while (variable.find()) {
			String id = switch (random.nextInt(oddParameters ? 6 : 3)) {
				case 0 -> Long.toString(operation.path().contains("/datasets/") ? dataset : finishedJob);
				case 1 -> "987654321";
				case 2 -> Long.toString(finishedJob);
				default -> Mutations.rawValue(random);
			};
			variable.appendReplacement(filled, java.util.regex.Matcher.quoteReplacement(id));
		}
		variable.appendTail(filled);
		String path = filled.toString();
		if (path.endsWith("/stream") && !path.contains("/" + finishedJob + "/")) {
			// a stream of a job that is still running stays open: only a finished job's or an invalid id's is fuzzed
			path = path.replaceFirst("/jobs/[^/]*/", "/jobs/" + (random.nextBoolean() ? finishedJob : 987654321L) + "/");
		}
		if (!oddParameters) {
			return path;
		}
		StringBuilder query = new StringBuilder();
		for (JsonNode parameter : operation.parameters()) {
			if ("query".equals(parameter.path("in").asString()) && random.nextBoolean()) {
				query.append(query.isEmpty() ? "?" : "&").append(parameter.get("name").asString()).append('=')
					.append(Mutations.rawValue(random));
			}
		}
		if (random.nextInt(4) == 0) {
			query.append(query.isEmpty() ? "?" : "&").append("unknown=").append(Mutations.rawValue(random));
		}
		return path + query;
	}

	private JsonNode runNormalJob() throws Exception {
		Answer submitted = RawHttp.send(port, "POST", "/api/v1/jobs", Map.of("Content-Type", "application/json"),
				NORMAL_JOB.getBytes(StandardCharsets.UTF_8));
		assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
		long id = JSON.readTree(submitted.text()).get("id").asLong();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (Instant.now().isBefore(deadline)) {
			JsonNode job = JSON.readTree(RawHttp.send(port, "GET", "/api/v1/jobs/" + id, Map.of(), null).text());
			String status = job.get("status").asString();
			if (!status.equals("queued") && !status.equals("running")) {
				assertThat(status).isEqualTo("succeeded");
				return job;
			}
			// a 60-iteration job ends within a few hundred milliseconds: looked at often, so that no sleep outlasts it
			Thread.sleep(20);
		}
		throw new AssertionError("the normal job did not finish within 5 minutes");
	}

	private String analyze() throws IOException {
		Answer answer = RawHttp.send(port, "POST", "/api/v1/range-tests/analyze", Map.of("Content-Type", "application/json"),
				NORMAL_ANALYSIS.getBytes(StandardCharsets.UTF_8));
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		return answer.text();
	}

	/** Jobs and studies the fuzzing queued would delay the normal job behind them: cancelled first. */
	private void cancelEverythingActive() throws IOException {
		for (String status : List.of("queued", "running")) {
			JsonNode page = JSON.readTree(RawHttp.send(port, "GET", "/api/v1/jobs?size=1000&status=" + status, Map.of(), null).text());
			for (JsonNode job : page.path("items")) {
				RawHttp.send(port, "POST", "/api/v1/jobs/" + job.get("id").asLong() + "/cancel", Map.of(), null);
			}
		}
		JsonNode studies = JSON.readTree(RawHttp.send(port, "GET", "/api/v1/studies?size=1000", Map.of(), null).text());
		for (JsonNode study : studies.path("items")) {
			if (List.of("queued", "running").contains(study.path("status").asString())) {
				RawHttp.send(port, "POST", "/api/v1/studies/" + study.get("id").asLong() + "/cancel", Map.of(), null);
			}
		}
	}

	private static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
	}

}
