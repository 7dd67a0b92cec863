package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input corpus, over real HTTP on Tomcat with the default limits: every case is a 4xx
 * {@code application/problem+json} with {@code title}, {@code status} and {@code detail}, naming the problem (a field
 * path or a reason), with no stack trace or class name, and the service answers an ordinary request right after.
 *
 * <p>The cases are the table in {@link #cases()}: name, method, path, content type, body, expected status, and a
 * substring the problem must contain. {@code {dataset}} in a path or body is a dataset uploaded before the cases run,
 * {@code {queued}} a job queued on it (the worker pool is off, so it stays queued and keeps the dataset in use until it
 * is cancelled after the cases), and {@code {finished}} a job cancelled while queued (a finished job: cancelled is one
 * of the final statuses).
 */
@QueuedJobsOverHttp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTests {

	private static final String JSON = "application/json";

	private static final String CSV = "text/csv";

	private static final String NONE = null;

	/** Text that only a stack trace or a Java-level message would put in a body. */
	private static final List<String> LEAKS = List.of("Exception", "at dev.lrtune", "java.", "tools.jackson",
			"org.springframework", "StreamReadConstraints", "\tat ");

	private static final String TRAINING = """
			"training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private long dataset;

	private long queued;

	private long finished;

	/** {@link #pastTheJsonLimit()}'s body, once built. */
	private static byte[] pastTheJsonLimit;

	record Case(String name, String method, String path, String contentType, Supplier<BodyPublisher> body, int status,
			String mentions) {

		@Override
		public String toString() {
			return name;
		}

	}

	@BeforeAll
	void fixtures() throws Exception {
		HttpResponse<String> upload = send("POST", "/api/v1/datasets?name=corpus&target=y", CSV,
				BodyPublishers.ofString("x1,x2,y\n1,2,a\n2,1,b\n3,4,a\n4,3,b\n5,6,a\n6,5,b\n"));
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
		dataset = json.readTree(upload.body()).get("id").asLong();
		queued = submit("\"" + dataset + "\"");
		finished = submit("\"synthetic:moons?samples=100\"");
		assertThat(send("POST", "/api/v1/jobs/" + finished + "/cancel", NONE, BodyPublishers.noBody()).statusCode())
			.isEqualTo(200);
	}

	/** The classes that share the context claim the oldest queued job: the one queued here must not be it. */
	@AfterAll
	void cancelTheQueuedJob() throws Exception {
		assertThat(send("POST", "/api/v1/jobs/" + queued + "/cancel", NONE, BodyPublishers.noBody()).statusCode())
			.isEqualTo(200);
	}

	static Stream<Case> cases() {
		return Stream.of(
				// --- schedule preview: JSON types, missing and unknown fields
				preview("preview: steps is a string", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": \"ten\"}", 400, "steps"),
				preview("preview: schedule is an array", "{\"schedule\": [], \"steps\": 3}", 400, "schedule"),
				preview("preview: lr is a boolean", "{\"schedule\": {\"type\": \"constant\", \"lr\": true}, \"steps\": 3}", 400, "schedule.lr"),
				preview("preview: lr is an object", "{\"schedule\": {\"type\": \"constant\", \"lr\": {}}, \"steps\": 3}", 400, "schedule.lr"),
				preview("preview: schedule missing", "{\"steps\": 3}", 400, "schedule"),
				preview("preview: steps missing", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}}", 400, "steps"),
				preview("preview: unknown top-level field", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 3, \"colour\": 1}", 400, "unknown field 'colour'"),
				preview("preview: misspelt schedule field", "{\"schedule\": {\"type\": \"step\", \"lr\": 0.1, \"gama\": 0.5, \"stepSize\": 2}, \"steps\": 3}", 400, "did you mean 'gamma'"),
				preview("preview: unknown schedule type", "{\"schedule\": {\"type\": \"cosine_annealing\", \"lr\": 0.1}, \"steps\": 3}", 400, "unknown type 'cosine_annealing'"),
				preview("preview: schedule type missing", "{\"schedule\": {\"lr\": 0.1}, \"steps\": 3}", 400, "schedule.type"),
				preview("preview: schedule type is a number", "{\"schedule\": {\"type\": 7, \"lr\": 0.1}, \"steps\": 3}", 400, "schedule.type"),
				// --- non-finite and overflowing numbers
				preview("preview: NaN literal", "{\"schedule\": {\"type\": \"constant\", \"lr\": NaN}, \"steps\": 3}", 400, "NaN is not a JSON number"),
				preview("preview: Infinity literal", "{\"schedule\": {\"type\": \"constant\", \"lr\": Infinity}, \"steps\": 3}", 400, "Infinity is not a JSON number"),
				preview("preview: -Infinity literal", "{\"schedule\": {\"type\": \"constant\", \"lr\": -Infinity}, \"steps\": 3}", 400, "schedule.lr"),
				preview("preview: lr 1e400", "{\"schedule\": {\"type\": \"constant\", \"lr\": 1e400}, \"steps\": 3}", 400, "schedule.lr"),
				preview("preview: lr -1e400", "{\"schedule\": {\"type\": \"constant\", \"lr\": -1e400}, \"steps\": 3}", 400, "schedule.lr"),
				preview("preview: nested tMax 1e400", "{\"schedule\": {\"type\": \"warmup\", \"warmupSteps\": 2, \"then\": {\"type\": \"cosine\", \"lr\": 0.1, \"tMax\": 1e400}}, \"steps\": 3}", 400, "schedule.then.tMax"),
				preview("preview: steps 1e400", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 1e400}", 400, "steps"),
				preview("preview: metrics hold 1e400", "{\"schedule\": {\"type\": \"plateau\", \"lr\": 0.1}, \"steps\": 3, \"metrics\": [1, 1e400, 2]}", 400, "metrics[1]"),
				// --- sizes and caps
				preview("preview: zero steps", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 0}", 400, "steps"),
				preview("preview: negative steps", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": -5}", 400, "steps"),
				preview("preview: steps past the cap", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 1000001}", 400, "at most 1000000 steps"),
				preview("preview: steps past int range", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 99999999999}", 400, "steps"),
				preview("preview: negative stepSize", "{\"schedule\": {\"type\": \"step\", \"lr\": 0.1, \"stepSize\": -2}, \"steps\": 3}", 400, "schedule.stepSize"),
				preview("preview: zero iterationsPerEpoch", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 3, \"iterationsPerEpoch\": 0}", 400, "iterationsPerEpoch"),
				preview("preview: warmup nested 1000 deep", nested(1000, "{\"type\": \"warmup\", \"warmupSteps\": 1, \"then\": ", "}"), 400, "more than 64 deep"),
				preview("preview: sequential nested 1000 deep", nested(1000, "{\"type\": \"sequential\", \"milestones\": [], \"schedules\": [", "]}"), 400, "more than 64 deep"),
				preview("preview: brackets inside a string do not count as nesting", "{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1, \"interval\": \"" + "[{".repeat(100) + "\\\"\"}, \"steps\": 3}", 400, "schedule.interval"),
				// --- malformed bodies and content types
				preview("preview: empty body", "", 400, "missing or is not JSON"),
				preview("preview: truncated JSON", "{\"schedule\": {\"type\": ", 400, "not valid JSON"),
				preview("preview: body is an array", "[]", 400, "must be an object"),
				preview("preview: body is a number", "42", 400, "must be an object"),
				new Case("preview: text/plain", "POST", "/api/v1/schedules/preview", "text/plain", text("{}"), 415, "text/plain"),
				new Case("preview: application/xml", "POST", "/api/v1/schedules/preview", "application/xml", text("<schedule/>"), 415, "application/xml"),
				new Case("preview: form-urlencoded", "POST", "/api/v1/schedules/preview", "application/x-www-form-urlencoded", text("steps=3"), 415, "x-www-form-urlencoded"),
				new Case("preview: no content type", "POST", "/api/v1/schedules/preview", NONE, text("{}"), 415, "not supported"),
				new Case("preview: GET", "GET", "/api/v1/schedules/preview", NONE, BodyPublishers::noBody, 405, "GET"),

				// --- range-test analysis
				analyze("analyze: lr is a string", "{\"lr\": \"fast\", \"loss\": [1, 2, 3]}", 400, "lr"),
				analyze("analyze: loss missing", "{\"lr\": [0.001, 0.01, 0.1]}", 400, "loss"),
				analyze("analyze: NaN in loss", "{\"lr\": [0.001, 0.01, 0.1], \"loss\": [1, NaN, 2]}", 400, "loss[1]"),
				analyze("analyze: lr 1e400", "{\"lr\": [0.001, 0.01, 0.1, 1e400], \"loss\": [1, 2, 3, 4]}", 400, "lr[3]"),
				analyze("analyze: lengths differ", "{\"lr\": [0.001, 0.01, 0.1, 1], \"loss\": [1, 2, 3]}", 400, "as many values as lr"),
				analyze("analyze: negative skipStart", "{\"lr\": [0.001, 0.01, 0.1], \"loss\": [1, 2, 3], \"skipStart\": -1}", 400, "skipStart"),
				analyze("analyze: smoothing 1", "{\"lr\": [0.001, 0.01, 0.1], \"loss\": [1, 2, 3], \"smoothing\": 1}", 400, "smoothing"),
				analyze("analyze: points past the cap", points(100_001), 400, "at most 100000 points"),
				new Case("analyze: an 11 MB JSON body", "POST", "/api/v1/range-tests/analyze", JSON,
						() -> BodyPublishers.ofByteArray(pastTheJsonLimit()), 413, "lrtune.requests.max-json-size"),
				new Case("analyze: an 11 MB JSON body, chunked", "POST", "/api/v1/range-tests/analyze", JSON,
						() -> BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(pastTheJsonLimit())), 413,
						"lrtune.requests.max-json-size"),

				// --- job submission
				job("job: empty object", "{}", 400, "type: is required"),
				job("job: model is a string", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": \"logistic\", " + TRAINING + "}", 400, "model"),
				job("job: dataset is a number array", "{\"type\": \"training\", \"dataset\": [1], \"model\": {\"type\": \"logistic\"}, " + TRAINING + "}", 400, "dataset"),
				job("job: unknown field", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"colour\": \"red\", " + TRAINING + "}", 400, "unknown field 'colour'"),
				job("job: unknown type", "{\"type\": \"evolution\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}}", 400, "type"),
				job("job: unknown schedule type", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"training\": {\"iterations\": 10, \"schedule\": {\"type\": \"sawtooth\"}}}", 400, "training.schedule.type"),
				job("job: batchSize 0", training("\"batchSize\": 0"), 400, "batchSize"),
				job("job: batchSize -1", training("\"batchSize\": -1"), 400, "batchSize"),
				job("job: batchSize 2147483647", training("\"batchSize\": 2147483647"), 400, "batchSize"),
				job("job: batchSize past int range", training("\"batchSize\": 1000000000000"), 400, "batchSize"),
				job("job: batchSize 3.5", training("\"batchSize\": 3.5"), 400, "batchSize"),
				job("job: negative seed", training("\"seed\": -1"), 400, "seed"),
				job("job: validationFraction NaN", training("\"validationFraction\": NaN"), 400, "validationFraction"),
				job("job: momentum 1e400", training("\"optimizer\": {\"type\": \"sgd\", \"momentum\": 1e400}"), 400, "optimizer.momentum"),
				job("job: zero iterations", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"training\": {\"iterations\": 0, \"schedule\": {\"type\": \"constant\", \"lr\": 0.1}}}", 400, "training.iterations"),
				job("job: iterations past the cap", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"training\": {\"iterations\": 100000000000, \"schedule\": {\"type\": \"constant\", \"lr\": 0.1}}}", 400, "lrtune.jobs.max-iterations"),
				job("job: epochs past the cap", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"training\": {\"epochs\": 2147483647, \"schedule\": {\"type\": \"constant\", \"lr\": 0.1}}}", 400, "lrtune.jobs.max-iterations"),
				job("job: range-test iterations past the cap", "{\"type\": \"range_test\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"rangeTest\": {\"iterations\": 100001}}", 400, "rangeTest.iterations"),
				job("job: range-test repeats past the cap", "{\"type\": \"range_test\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"rangeTest\": {\"repeats\": 21}}", 400, "rangeTest.repeats"),
				job("job: hidden layer of 0 units", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"mlp\", \"hidden\": [0]}, " + TRAINING + "}", 400, "model.hidden"),
				job("job: hidden layer of 100000 units", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"mlp\", \"hidden\": [100000]}, " + TRAINING + "}", 400, "model.hidden"),
				job("job: negative synthetic samples", dataset("\"synthetic:moons?samples=-5\""), 400, "samples"),
				job("job: zero synthetic samples", dataset("\"synthetic:moons?samples=0\""), 400, "samples"),
				job("job: file:../../etc/passwd", dataset("\"file:../../etc/passwd\""), 400, "'..'"),
				job("job: file:/etc/passwd", dataset("\"file:/etc/passwd\""), 400, "relative to the data directory"),
				job("job: dataset id that does not exist", dataset("\"987654\""), 400, "987654"),
				job("job: malformed dataset reference", dataset("\"moons\""), 400, "dataset"),
				job("job: warmup nested 1000 deep", "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"training\": {\"iterations\": 10, \"schedule\": "
						+ nestedSchedule(1000, "{\"type\": \"warmup\", \"warmupSteps\": 1, \"then\": ", "}") + "}}", 400, "more than 64 deep"),
				new Case("job: text/csv", "POST", "/api/v1/jobs", CSV, text("type,dataset\ntraining,moons\n"), 415, "text/csv"),

				// --- job ids
				get("job: malformed id", "/api/v1/jobs/abc", 400, "id"),
				get("job: id past long range", "/api/v1/jobs/99999999999999999999", 400, "id"),
				get("job: id that does not exist", "/api/v1/jobs/987654", 404, "987654"),
				get("job: negative id", "/api/v1/jobs/-1", 400, "id"),
				new Case("job: cancel of a job that does not exist", "POST", "/api/v1/jobs/987654/cancel", NONE, BodyPublishers::noBody, 404, "987654"),
				new Case("job: cancel of a finished job", "POST", "/api/v1/jobs/{finished}/cancel", NONE, BodyPublishers::noBody, 409, "is cancelled"),
				new Case("job: delete of a queued job", "DELETE", "/api/v1/jobs/{queued}", NONE, BodyPublishers::noBody, 409, "is queued"),
				get("job: recommendation of a training job", "/api/v1/jobs/{finished}/recommendation", 409, "training job"),
				get("jobs: unknown status filter", "/api/v1/jobs?status=done", 400, "status"),
				get("jobs: page size 0", "/api/v1/jobs?size=0", 400, "size"),
				get("jobs: page size past the cap", "/api/v1/jobs?size=100000", 400, "size"),
				get("jobs: malformed study filter", "/api/v1/jobs?studyId=abc", 400, "studyId"),

				// --- studies
				study("study: empty object", "{}", 400, "iterations"),
				study("study: iterations is a string", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": \"many\"}", 400, "iterations"),
				study("study: iterations 1e400", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 1e400}", 400, "iterations"),
				study("study: zero iterations", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 0}", 400, "iterations"),
				study("study: iterations past the cap", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 10000001}", 400, "lrtune.jobs.max-iterations"),
				study("study: candidates is an object", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 100, \"candidates\": {}}", 400, "candidates"),
				study("study: unknown candidate type", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 100, \"candidates\": [{\"type\": \"hyper\"}]}", 400, "unknown type 'hyper'"),
				study("study: unknown strategy", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 100, \"strategy\": {\"type\": \"hyperband\"}}", 400, "strategy.type"),
				study("study: eta 1", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 100, \"strategy\": {\"eta\": 1}}", 400, "strategy.eta"),
				study("study: no validation split", "{\"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 100, \"validationFraction\": 0}", 400, "validationFraction"),
				study("study: dataset file:/etc/passwd", "{\"dataset\": \"file:/etc/passwd\", \"model\": {\"type\": \"logistic\"}, \"iterations\": 100}", 400, "dataset"),
				get("study: malformed id", "/api/v1/studies/abc", 400, "id"),
				get("study: id that does not exist", "/api/v1/studies/987654", 404, "987654"),
				new Case("study: cancel of a study that does not exist", "POST", "/api/v1/studies/987654/cancel", NONE, BodyPublishers::noBody, 404, "987654"),
				get("jobs: negative page", "/api/v1/jobs?page=-1", 400, "page"),

				// --- curves
				get("curve: maxPoints 0", "/api/v1/jobs/{finished}/curve?maxPoints=0", 400, "maxPoints"),
				get("curve: maxPoints past the cap", "/api/v1/jobs/{finished}/curve?maxPoints=2147483647", 400, "maxPoints"),
				get("curve: maxPoints past int range", "/api/v1/jobs/{finished}/curve?maxPoints=99999999999", 400, "maxPoints"),
				get("curve: maxPoints not a number", "/api/v1/jobs/{finished}/curve?maxPoints=many", 400, "maxPoints"),
				get("curve: smoothing 1e400", "/api/v1/jobs/{finished}/curve?smoothing=1e400", 400, "smoothing"),
				get("curve: smoothing NaN", "/api/v1/jobs/{finished}/curve?smoothing=NaN", 400, "smoothing"),
				get("curve: negative from", "/api/v1/jobs/{finished}/curve?from=-1", 400, "from"),
				get("curve: to before from", "/api/v1/jobs/{finished}/curve?from=5&to=2", 400, "to"),
				get("curve: job that does not exist", "/api/v1/jobs/987654/curve", 404, "987654"),
				get("curve: malformed job id", "/api/v1/jobs/abc/curve", 400, "id"),
				get("curve stream: job that does not exist", "/api/v1/jobs/987654/curve/stream", 404, "987654"),

				// --- datasets
				upload("csv: a NUL byte", "x,y\n1,2\u0000\n3,4\n", 400, "NUL byte"),
				upload("csv: 100,000 columns", wideCsv(100_000), 422, "more than the 10000"),
				upload("csv: header only", "x1,x2,y\n", 400, "no data rows"),
				upload("csv: empty", "", 400, "Empty file"),
				upload("csv: ragged row", "x,y\n1,2\n3\n", 400, "Line 3"),
				new Case("csv: unknown target column", "POST", "/api/v1/datasets?name=t&target=label", CSV, text("x,y\n1,a\n2,b\n"), 400, "label"),
				new Case("csv: unknown missing policy", "POST", "/api/v1/datasets?name=t&missing=sometimes", CSV, text("x,y\n1,a\n2,b\n"), 400, "missing"),
				new Case("csv: sent as JSON", "POST", "/api/v1/datasets", JSON, text("{\"x\": [1, 2]}"), 415, "application/json"),
				get("dataset: malformed id", "/api/v1/datasets/abc", 400, "id"),
				get("dataset: id that does not exist", "/api/v1/datasets/987654", 404, "987654"),
				new Case("dataset: delete of one that does not exist", "DELETE", "/api/v1/datasets/987654", NONE, BodyPublishers::noBody, 404, "987654"),
				new Case("dataset: delete of one in use", "DELETE", "/api/v1/datasets/{dataset}", NONE, BodyPublishers::noBody, 409, "is queued"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void answersAProblemNamingItAndKeepsServing(Case bad) throws Exception {
		HttpResponse<String> response = send(bad.method(), resolve(bad.path()), bad.contentType(), bad.body().get());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
		assertThat(response.body()).contains(bad.mentions());
		assertThat(response.body()).doesNotContain(LEAKS);

		HttpResponse<String> health = send("GET", "/actuator/health", NONE, BodyPublishers.noBody());
		assertThat(health.statusCode()).isEqualTo(200);
		HttpResponse<String> preview = send("POST", "/api/v1/schedules/preview", JSON,
				BodyPublishers.ofString("{\"schedule\": {\"type\": \"constant\", \"lr\": 0.1}, \"steps\": 2}"));
		assertThat(preview.body()).isEqualTo("{\"lr\":[0.1,0.1]}");
	}

	private static Case preview(String name, String body, int status, String mentions) {
		return new Case(name, "POST", "/api/v1/schedules/preview", JSON, text(body), status, mentions);
	}

	private static Case analyze(String name, String body, int status, String mentions) {
		return new Case(name, "POST", "/api/v1/range-tests/analyze", JSON, text(body), status, mentions);
	}

	private static Case job(String name, String body, int status, String mentions) {
		return new Case(name, "POST", "/api/v1/jobs", JSON, text(body), status, mentions);
	}

	private static Case study(String name, String body, int status, String mentions) {
		return new Case(name, "POST", "/api/v1/studies", JSON, text(body), status, mentions);
	}

	private static Case get(String name, String path, int status, String mentions) {
		return new Case(name, "GET", path, NONE, BodyPublishers::noBody, status, mentions);
	}

	private static Case upload(String name, String csv, int status, String mentions) {
		return new Case(name, "POST", "/api/v1/datasets?name=bad&target=y", CSV, text(csv), status, mentions);
	}

	private static Supplier<BodyPublisher> text(String body) {
		return () -> BodyPublishers.ofString(body);
	}

	/** A training job on moons with {@code extra} fields. */
	private static String training(String extra) {
		return "{\"type\": \"training\", \"dataset\": \"synthetic:moons\", \"model\": {\"type\": \"logistic\"}, " + extra
				+ ", " + TRAINING + "}";
	}

	private static String dataset(String reference) {
		return "{\"type\": \"training\", \"dataset\": " + reference + ", \"model\": {\"type\": \"logistic\"}, " + TRAINING + "}";
	}

	/** A preview of a constant schedule wrapped {@code depth} times in {@code open}…{@code close}. */
	private static String nested(int depth, String open, String close) {
		return "{\"schedule\": " + nestedSchedule(depth, open, close) + ", \"steps\": 3}";
	}

	private static String nestedSchedule(int depth, String open, String close) {
		return open.repeat(depth) + "{\"type\": \"constant\", \"lr\": 0.1}" + close.repeat(depth);
	}

	private static String points(int n) {
		String lr = IntStream.range(0, n).mapToObj(i -> Double.toString(1e-6 * (i + 1))).collect(Collectors.joining(","));
		String loss = IntStream.range(0, n).mapToObj(i -> "1").collect(Collectors.joining(","));
		return "{\"lr\": [" + lr + "], \"loss\": [" + loss + "]}";
	}

	/**
	 * A well-formed analysis request of 11 MiB, past {@code lrtune.requests.max-json-size} (10 MB): nearly two million
	 * learning rates, which the service would parse and answer with a 400, not this 413, if the limit did not stop
	 * it first. A bigger body proves no more and costs its bytes twice (sent, then read by Tomcat). Built once for the
	 * two cases that send it (appended value by value it took a few hundred milliseconds in the tests' C1 JVM), with
	 * {@link String#repeat}, and let go after the class.
	 */
	private static byte[] pastTheJsonLimit() {
		if (pastTheJsonLimit == null) {
			String head = "{\"lr\": [0.001";
			String value = ",0.001";
			// as many values as take the head to at least 11 MiB
			int values = (11 * 1024 * 1024 - head.length() + value.length() - 1) / value.length();
			pastTheJsonLimit = (head + value.repeat(values) + "], \"loss\": [1, 2, 3]}")
				.getBytes(StandardCharsets.US_ASCII);
		}
		return pastTheJsonLimit;
	}

	@AfterAll
	static void releaseTheBodyPastTheJsonLimit() {
		pastTheJsonLimit = null;
	}

	private static String wideCsv(int columns) {
		String header = IntStream.range(0, columns).mapToObj(i -> "c" + i).collect(Collectors.joining(",")) + ",y";
		String row = IntStream.range(0, columns).mapToObj(i -> "1").collect(Collectors.joining(",")) + ",a";
		return header + "\n" + row + "\n" + row.replace(",a", ",b") + "\n";
	}

	private String resolve(String path) {
		return path.replace("{dataset}", Long.toString(dataset))
			.replace("{queued}", Long.toString(queued))
			.replace("{finished}", Long.toString(finished));
	}

	private long submit(String datasetReference) throws Exception {
		HttpResponse<String> submitted = send("POST", "/api/v1/jobs", JSON, BodyPublishers.ofString(dataset(datasetReference)));
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		return json.readTree(submitted.body()).get("id").asLong();
	}

	private HttpResponse<String> send(String method, String path, String contentType, BodyPublisher body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
		DocumentedResponses.of(port).check(method, path, response.statusCode(),
				response.headers().firstValue("Content-Type").orElse(null), response.body().getBytes(StandardCharsets.UTF_8));
		return response;
	}

}
