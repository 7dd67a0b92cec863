package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.lrtune.DocumentedResponses;
import dev.lrtune.job.MovableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Studies whose trials the client runs, over real HTTP as clients would use them: create, ask for trials (several
 * clients at once), post points with validation losses, be told to stop when pruned, finish, and read the winner. Every
 * answer is held to the served OpenAPI document. Run on H2 ({@link ClientStudyH2Tests}) and PostgreSQL
 * ({@link ClientStudyPostgresTests}); time is a {@link MovableClock}, so a silent client's lease passes when the test
 * moves it.
 */
abstract class ClientStudyScenarios {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	private final HttpClient http = HttpClient.newHttpClient();

	/** Four constant rates, budget 40, eta 2 from 10: judged at 10 and 20 iterations. */
	static final String FOUR_CANDIDATES = """
			{"runner": "client", "name": "four rates", "iterations": 40, "params": {"model": "resnet18"},
			 "candidates": [{"type": "constant", "lr": 0.1}, {"type": "constant", "lr": 0.2},
			                {"type": "constant", "lr": 0.3}, {"type": "constant", "lr": 0.4}],
			 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 10}}""";

	/**
	 * Worked by hand with the rule "with n values at a rung so far, sorted, go on when value ≤ sorted[max(0, ⌊n/2⌋ − 1)]"
	 * and the objective best (the lowest validation loss so far):
	 * <pre>
	 * rung 0 (iteration 9):  c0 0.5 go; c1 0.4 go ([.4 .5], place 0); c2 0.9 pruned ([.4 .5 .9], place 0 is .4);
	 *                        c3 0.3 go ([.3 .4 .5 .9], place 1 is .4)
	 * rung 1 (iteration 19): c0 0.45 go; c1 0.2 go ([.2 .45]); c3 0.25 pruned ([.2 .25 .45], place 0 is .2)
	 * end (iteration 39):    c0 0.4, c1 0.1: c1 wins with 0.1, then c0; c3 (rung 1), then c2 (rung 0)
	 * </pre>
	 */
	@Test
	void trialsAreHandedOutOncePrunedAtTheirRungsAndTheBestIsTheLowestThatWentTheWholeWay() throws Exception {
		Response created = send("POST", "/api/v1/studies", FOUR_CANDIDATES);
		assertThat(created.status).isEqualTo(201);
		long study = created.body.get("id").asLong();
		assertThat(created.location).isEqualTo("/api/v1/studies/" + study);
		assertThat(created.body.get("runner").asString()).isEqualTo("client");
		assertThat(created.body.get("status").asString()).isEqualTo("running");
		assertThat(longs(created.body.get("rungs"))).containsExactly(10L, 20L, 40L);
		assertThat(created.body.get("request").has("dataset")).isFalse();

		List<JsonNode> trials = new ArrayList<>();
		for (int candidate = 0; candidate < 4; candidate++) {
			Response asked = ask(study);
			assertThat(asked.status).isEqualTo(200);
			JsonNode trial = asked.body;
			assertThat(trial.get("candidate").asInt()).isEqualTo(candidate);
			assertThat(trial.get("runner").asString()).isEqualTo("client");
			assertThat(trial.get("studyId").asLong()).isEqualTo(study);
			assertThat(trial.get("iterations").asLong()).isEqualTo(40);
			assertThat(longs(trial.get("rungs"))).containsExactly(10L, 20L);
			assertThat(trial.get("schedule").get("lr").asDouble()).isEqualTo(0.1 * (candidate + 1), org.assertj.core.data.Offset.offset(1e-12));
			JsonNode job = trial.get("job");
			assertThat(job.get("id").asLong()).isEqualTo(trial.get("jobId").asLong());
			assertThat(asked.location).isEqualTo("/api/v1/jobs/" + trial.get("jobId").asLong());
			assertThat(job.get("status").asString()).isEqualTo("running");
			assertThat(job.get("runner").asString()).isEqualTo("client");
			assertThat(job.get("studyId").asLong()).isEqualTo(study);
			assertThat(job.get("name").asString()).isEqualTo("four rates trial " + candidate);
			assertThat(job.get("params").get("model").asString()).isEqualTo("resnet18");
			assertThat(job.get("lrPlan")).hasSize(40);
			trials.add(trial);
		}
		Response inFlight = ask(study);
		assertThat(inFlight.status).isEqualTo(204);
		assertThat(inFlight.retryAfter).isEqualTo("10");

		long c0 = trials.get(0).get("jobId").asLong();
		long c1 = trials.get(1).get("jobId").asLong();
		long c2 = trials.get(2).get("jobId").asLong();
		long c3 = trials.get(3).get("jobId").asLong();
		assertThat(block(c0, 0, 0.5).get("stop").asBoolean()).isFalse();
		assertThat(block(c1, 0, 0.4).get("stop").asBoolean()).isFalse();
		JsonNode pruned = block(c2, 0, 0.9);
		assertThat(pruned.get("stop").asBoolean()).isTrue();
		assertThat(pruned.get("reason").asString()).isEqualTo("pruned");
		assertThat(pruned.get("iteration").asLong()).isEqualTo(9);
		assertThat(block(c3, 0, 0.3).get("stop").asBoolean()).isFalse();

		assertThat(block(c0, 10, 0.45).get("stop").asBoolean()).isFalse();
		assertThat(block(c1, 10, 0.2).get("stop").asBoolean()).isFalse();
		assertThat(block(c3, 10, 0.25).get("reason").asString()).isEqualTo("pruned");

		// a pruned trial has ended: a finish is harmless, a post is refused
		Response finishedPruned = send("POST", "/api/v1/jobs/" + c2 + "/finish", null);
		assertThat(finishedPruned.status).isEqualTo(200);
		assertThat(finishedPruned.body.get("status").asString()).isEqualTo("succeeded");
		assertThat(finishedPruned.body.get("progress").get("iteration").asLong()).isEqualTo(10);
		assertThat(postBlock(c2, 10, 0.1).status).isEqualTo(409);

		block(c0, 20, 0.42);
		JsonNode last = block(c0, 30, 0.4);
		assertThat(last.get("reason").asString()).isEqualTo("complete");
		block(c1, 20, 0.15);
		block(c1, 30, 0.1);
		assertThat(send("POST", "/api/v1/jobs/" + c0 + "/finish", null).status).isEqualTo(200);
		JsonNode running = get("/api/v1/studies/" + study);
		assertThat(running.get("status").asString()).isEqualTo("running");
		assertThat(running.get("best").isNull()).isTrue();
		assertThat(send("POST", "/api/v1/jobs/" + c1 + "/finish", null).status).isEqualTo(200);

		JsonNode ended = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
			.until(() -> get("/api/v1/studies/" + study), view -> !view.get("status").asString().equals("running"));
		assertThat(ended.get("status").asString()).isEqualTo("succeeded");
		List<JsonNode> ranked = list(ended.get("trials"));
		assertThat(ranked).extracting(t -> t.get("candidate").asInt()).containsExactly(1, 0, 3, 2);
		assertThat(ranked).extracting(t -> t.get("rung").asInt()).containsExactly(2, 2, 1, 0);
		assertThat(ranked).extracting(t -> t.get("pruned").asBoolean()).containsExactly(false, false, true, true);
		assertThat(ranked).extracting(t -> t.get("iterations").asLong()).containsExactly(40L, 40L, 20L, 10L);
		assertThat(ranked).extracting(t -> t.get("bestValidationLoss").asDouble()).containsExactly(0.1, 0.4, 0.25, 0.9);
		// the record of every decision: c3 was the third at rung 1 with 0.25, after c0's 0.45 and c1's 0.2
		JsonNode c3Judged = ranked.get(2).get("judgements");
		assertThat(c3Judged).hasSize(2);
		assertThat(c3Judged.get(1).get("rung").asInt()).isEqualTo(1);
		assertThat(c3Judged.get(1).get("rungIterations").asLong()).isEqualTo(20);
		assertThat(c3Judged.get(1).get("iteration").asLong()).isEqualTo(19);
		assertThat(c3Judged.get(1).get("ordinal").asInt()).isEqualTo(3);
		assertThat(c3Judged.get(1).get("value").asDouble()).isEqualTo(0.25);
		assertThat(c3Judged.get(1).get("promoted").asBoolean()).isFalse();
		assertThat(ranked.get(3).get("judgements").get(0).get("ordinal").asInt()).isEqualTo(3);
		JsonNode best = ended.get("best");
		assertThat(best.get("jobId").asLong()).isEqualTo(c1);
		assertThat(best.get("bestValidationLoss").asDouble()).isEqualTo(0.1);
		assertThat(best.get("bestValidationIteration").asLong()).isEqualTo(39);
		assertThat(best.get("iterations").asLong()).isEqualTo(40);
		assertThat(best.get("schedule").get("lr").asDouble()).isEqualTo(0.2);

		Response afterEnd = ask(study);
		assertThat(afterEnd.status).isEqualTo(409);
		assertThat(afterEnd.contentType).isEqualTo("application/problem+json");
	}

	@Test
	void severalClientsAskingAtOnceGetEachTrialOnce() throws Exception {
		int candidates = 12;
		String schedules = String.join(", ", IntStream.range(0, candidates)
			.mapToObj(i -> "{\"type\": \"constant\", \"lr\": " + (i + 1) / 100.0 + "}").toList());
		long study = send("POST", "/api/v1/studies", """
				{"runner": "client", "iterations": 30, "candidates": [%s]}""".formatted(schedules)).body.get("id").asLong();
		int askers = 6;
		ExecutorService pool = Executors.newFixedThreadPool(askers);
		CountDownLatch start = new CountDownLatch(1);
		ConcurrentLinkedQueue<JsonNode> handed = new ConcurrentLinkedQueue<>();
		List<Future<Integer>> noContent = new ArrayList<>();
		try {
			for (int i = 0; i < askers; i++) {
				noContent.add(pool.submit(() -> {
					start.await();
					int empty = 0;
					for (int asks = 0; asks < 4; asks++) {
						Response asked = ask(study);
						if (asked.status == 200) {
							handed.add(asked.body);
						}
						else {
							assertThat(asked.status).isEqualTo(204);
							empty++;
						}
					}
					return empty;
				}));
			}
			start.countDown();
			int empties = 0;
			for (Future<Integer> future : noContent) {
				empties += future.get(120, TimeUnit.SECONDS);
			}
			assertThat(empties).isEqualTo(askers * 4 - candidates);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(handed).extracting(trial -> trial.get("candidate").asInt())
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, candidates).boxed().toList());
		assertThat(handed).extracting(trial -> trial.get("jobId").asLong()).doesNotHaveDuplicates();
		JsonNode jobs = get("/api/v1/jobs?studyId=" + study + "&size=100");
		assertThat(jobs.get("totalItems").asLong()).isEqualTo(candidates);

		JsonNode cancelled = send("POST", "/api/v1/studies/" + study + "/cancel", null).body;
		assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
		assertThat(ask(study).status).isEqualTo(409);
		long trial = handed.peek().get("jobId").asLong();
		JsonNode answer = postBlock(trial, 0, 1.0).body;
		assertThat(answer.get("stop").asBoolean()).isTrue();
		assertThat(answer.get("reason").asString()).isEqualTo("cancelled");
	}

	@Test
	void aTrialWhoseClientGoesSilentFailsByItsLeaseAndRanksLastNeverTheWinner() throws Exception {
		long study = send("POST", "/api/v1/studies", """
				{"runner": "client", "iterations": 20, "objective": "last",
				 "candidates": [{"type": "constant", "lr": 0.1}, {"type": "constant", "lr": 0.01}],
				 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 10}}""").body.get("id").asLong();
		long working = ask(study).body.get("jobId").asLong();
		long silent = ask(study).body.get("jobId").asLong();
		block(working, 0, 0.5);
		assertThat(block(silent, 0, 0.01).get("stop").asBoolean()).isFalse(); // the lowest loss of all, then silence
		block(working, 10, 0.4);
		send("POST", "/api/v1/jobs/" + working + "/finish", null);
		assertThat(get("/api/v1/studies/" + study).get("status").asString()).isEqualTo("running");

		clock.advance(Duration.ofMinutes(11));
		JsonNode ended = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
			.until(() -> get("/api/v1/studies/" + study), view -> !view.get("status").asString().equals("running"));
		assertThat(ended.get("status").asString()).isEqualTo("succeeded");
		List<JsonNode> ranked = list(ended.get("trials"));
		assertThat(ranked).extracting(t -> t.get("jobId").asLong()).containsExactly(working, silent);
		assertThat(ranked.get(1).get("status").asString()).isEqualTo("failed");
		assertThat(get("/api/v1/jobs/" + silent).get("error").asString()).contains("lrtune.client-runs.lease");
		assertThat(ended.get("best").get("jobId").asLong()).isEqualTo(working);
		assertThat(ended.get("best").get("validationLoss").asDouble()).isEqualTo(0.4);
	}

	/** A trial whose loss stops being finite is told it diverged, even where its validation loss would prune it. */
	@Test
	void aTrialThatDivergesAtARungEndsDivergedNotPruned() throws Exception {
		long study = send("POST", "/api/v1/studies", """
				{"runner": "client", "iterations": 20,
				 "candidates": [{"type": "constant", "lr": 0.1}, {"type": "constant", "lr": 10}],
				 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 10}}""").body.get("id").asLong();
		long steady = ask(study).body.get("jobId").asLong();
		long blowsUp = ask(study).body.get("jobId").asLong();
		block(steady, 0, 0.5);
		JsonNode answer = post(blowsUp, """
				{"iteration": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "lr": [10, 10, 10, 10, 10, 10, 10, 10, 10, 10],
				 "loss": [1, 2, 4, 8, 16, 32, 64, 128, 256, null], "validation": {"iteration": [9], "loss": [0.9]}}""").body;
		assertThat(answer.get("stop").asBoolean()).isTrue();
		assertThat(answer.get("reason").asString()).isEqualTo("diverged");
		assertThat(send("POST", "/api/v1/jobs/" + blowsUp + "/finish", null).body.get("status").asString())
			.isEqualTo("diverged");
		List<JsonNode> ranked = list(get("/api/v1/studies/" + study).get("trials"));
		assertThat(ranked.get(1).get("jobId").asLong()).isEqualTo(blowsUp);
		assertThat(ranked.get(1).get("diverged").asBoolean()).isTrue();
		assertThat(ranked.get(1).get("judgements")).isEmpty();
	}

	@Test
	void theEightCandidatesAreSizedFromARangeTestTheClientRan() throws Exception {
		long rangeTest = send("POST", "/api/v1/jobs", """
				{"type": "range_test", "runner": "client", "rangeTest": {"startLr": 1e-5, "endLr": 10, "iterations": 100}}""")
			.body.get("id").asLong();
		List<Double> plan = doubles(get("/api/v1/jobs/" + rangeTest).get("lrPlan"));
		// a bowl in log(lr), lowest near 0.03, then a climb
		double[] losses = plan.stream().mapToDouble(lr -> 1 + Math.pow(Math.log10(lr) + 1.5, 2) / 4).toArray();
		post(rangeTest, points(0, plan, losses, null));
		send("POST", "/api/v1/jobs/" + rangeTest + "/finish", null);
		JsonNode recommendation = get("/api/v1/jobs/" + rangeTest + "/recommendation");

		Response created = send("POST", "/api/v1/studies", """
				{"runner": "client", "iterations": 900, "rangeTestJobId": %d}""".formatted(rangeTest));
		assertThat(created.status).isEqualTo(201);
		assertThat(created.body.get("rangeTestJobId").asLong()).isEqualTo(rangeTest);
		List<String> types = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			JsonNode trial = ask(created.body.get("id").asLong()).body;
			types.add(trial.get("schedule").get("type").asString());
			if (i == 0) {
				assertThat(trial.get("schedule").get("lr").asDouble()).isEqualTo(recommendation.get("recommendedLr").asDouble());
			}
			if (i == 7) {
				assertThat(trial.get("schedule").get("maxLr").asDouble())
					.isEqualTo(recommendation.get("cyclicBounds").get("maxLr").asDouble());
				assertThat(trial.get("schedule").get("totalSteps").asLong()).isEqualTo(900);
			}
		}
		assertThat(types).containsExactly("constant", "step", "exponential", "linear", "plateau", "cyclic",
				"cosine_restarts", "one_cycle");
	}

	@Test
	void aBadRequestIsRefusedNamingItsFieldsAndStoresNothing() throws Exception {
		long runningRangeTest = send("POST", "/api/v1/jobs", """
				{"type": "range_test", "runner": "client"}""").body.get("id").asLong();
		long before = get("/api/v1/studies?size=1").get("totalItems").asLong();
		record Bad(String body, List<String> fields) {
		}
		List<Bad> bad = List.of(
				new Bad("""
						{"runner": "client", "iterations": 10, "dataset": "synthetic:moons", "model": {"type": "logistic"},
						 "batchSize": 8, "candidates": [{"type": "constant", "lr": 0.1}]}""",
						List.of("dataset", "model", "batchSize")),
				new Bad("{\"runner\": \"client\", \"iterations\": 10}", List.of("rangeTestJobId")),
				new Bad("{\"runner\": \"client\", \"iterations\": 10, \"rangeTestJobId\": 987654321}", List.of("rangeTestJobId")),
				new Bad("{\"runner\": \"client\", \"iterations\": 10, \"rangeTestJobId\": " + runningRangeTest + "}",
						List.of("rangeTestJobId")),
				new Bad("""
						{"runner": "client", "iterations": 10,
						 "candidates": [{"type": "constant", "lr": 0.1}, {"type": "step", "lr": 0.1, "stepSize": 2, "interval": "epoch"}]}""",
						List.of("candidates[1].interval")),
				new Bad("{\"runner\": \"gpu\", \"iterations\": 10, \"candidates\": [{\"type\": \"constant\", \"lr\": 0.1}]}",
						List.of("runner")),
				new Bad("""
						{"dataset": "synthetic:moons", "model": {"type": "logistic"}, "iterations": 10, "rangeTestJobId": 1}""",
						List.of("rangeTestJobId")),
				new Bad("""
						{"runner": "client", "iterations": 10, "candidates": [{"type": "constant", "lr": 0.1}],
						 "strategy": {"minIterations": 11}}""", List.of("strategy.minIterations")));
		for (Bad request : bad) {
			Response refused = send("POST", "/api/v1/studies", request.body());
			assertThat(refused.status).as(request.body()).isEqualTo(400);
			assertThat(refused.contentType).isEqualTo("application/problem+json");
			List<String> fields = new ArrayList<>();
			refused.body.get("errors").forEach(error -> fields.add(error.get("field").asString()));
			assertThat(fields).as(request.body()).containsExactlyInAnyOrderElementsOf(request.fields());
		}
		assertThat(get("/api/v1/studies?size=1").get("totalItems").asLong()).isEqualTo(before);
		assertThat(send("POST", "/api/v1/studies/987654321/ask", null).status).isEqualTo(404);
		long server = send("POST", "/api/v1/studies", """
				{"dataset": "synthetic:moons?samples=100&seed=1", "model": {"type": "logistic"}, "iterations": 10,
				 "candidates": [{"type": "constant", "lr": 0.1}]}""").body.get("id").asLong();
		Response serverAsk = ask(server);
		assertThat(serverAsk.status).isEqualTo(409);
		assertThat(serverAsk.body.get("detail").asString()).contains("lrtune's workers");
	}

	// ---- helpers

	/** Ten iterations from {@code from}, then the validation loss {@code validation} at the last of them. */
	private JsonNode block(long job, int from, double validation) throws Exception {
		Response answer = postBlock(job, from, validation);
		assertThat(answer.status).as("post to job %d from %d", job, from).isEqualTo(200);
		return answer.body;
	}

	private Response postBlock(long job, int from, double validation) throws Exception {
		List<Double> rates = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rates.add(0.1);
		}
		double[] losses = new double[10];
		java.util.Arrays.fill(losses, validation + 0.1);
		return post(job, points(from, rates, losses, Map.of("iteration", List.of(from + 9), "loss", List.of(validation))));
	}

	private static String points(long from, List<Double> lr, double[] loss, Map<String, Object> validation) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("iteration", LongStream.range(from, from + lr.size()).boxed().toList());
		body.put("lr", lr);
		body.put("loss", java.util.Arrays.stream(loss).boxed().toList());
		if (validation != null) {
			body.put("validation", validation);
		}
		return JSON.writeValueAsString(body);
	}

	private Response post(long job, String body) throws Exception {
		return send("POST", "/api/v1/jobs/" + job + "/points", body);
	}

	private Response ask(long study) throws Exception {
		return send("POST", "/api/v1/studies/" + study + "/ask", null);
	}

	private JsonNode get(String path) throws Exception {
		Response response = send("GET", path, null);
		assertThat(response.status).as(path).isEqualTo(200);
		return response.body;
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	private static List<Long> longs(JsonNode array) {
		return list(array).stream().map(JsonNode::asLong).toList();
	}

	private static List<Double> doubles(JsonNode array) {
		return list(array).stream().map(JsonNode::asDouble).toList();
	}

	record Response(int status, JsonNode body, String location, String contentType, String retryAfter) {
	}

	Response send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
		String contentType = response.headers().firstValue("Content-Type").orElse(null);
		DocumentedResponses.of(port).check(method, path, response.statusCode(), contentType,
				response.body().getBytes(StandardCharsets.UTF_8));
		JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
		return new Response(response.statusCode(), json, response.headers().firstValue("Location").orElse(null),
				contentType, response.headers().firstValue("Retry-After").orElse(null));
	}

}
