package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.lrtune.ServerSentEvents;
import dev.lrtune.ServerSentEvents.Event;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client-run jobs over real HTTP: the client creates a job, posts its points in batches and finishes it, as a PyTorch
 * loop would. Run on H2 ({@link ClientRunH2Tests}) and PostgreSQL ({@link ClientRunPostgresTests}). Time is a
 * {@link MovableClock}, so a lease passes when the test moves it, not by waiting.
 */
abstract class ClientRunScenarios {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	ClientRuns clientRuns;

	private final HttpClient http = HttpClient.newHttpClient();

	// ---- range tests

	@Test
	void aClientRangeTestIsCreatedRunningWithItsRampAsThePlan() throws Exception {
		Response created = send("POST", "/api/v1/jobs", """
				{"type": "range_test", "runner": "client", "name": "ramp",
				 "rangeTest": {"startLr": 1e-4, "endLr": 1, "iterations": 5}}""");
		assertThat(created.status).isEqualTo(201);
		assertThat(created.location).isEqualTo("/api/v1/jobs/" + created.body.get("id").asLong());
		JsonNode job = created.body;
		assertThat(job.get("status").asString()).isEqualTo("running");
		assertThat(job.get("runner").asString()).isEqualTo("client");
		assertThat(job.get("worker").asString()).isEqualTo("client");
		assertThat(job.get("name").asString()).isEqualTo("ramp");
		// 1e-4 · (1e4)^(k/4): one decade per step
		assertThat(doubles(job.get("lrPlan"))).containsExactly(1e-4, 1e-3, 1e-2, 1e-1, 1.0);
		assertThat(job.get("request").get("runner").asString()).isEqualTo("client");
		assertThat(job.get("request").has("repeats")).isFalse();
		assertThat(get("/api/v1/jobs/" + job.get("id").asLong()).body.get("lrPlan")).isEqualTo(job.get("lrPlan"));
	}

	/**
	 * A loss that falls, then explodes: with smoothing 0 the smoothed loss is the loss itself, so the rule "above 4 ×
	 * the minimum" fires first at the loss 0.5 > 4 × 0.1, iteration 7.
	 */
	@Test
	void aRangeTestIsToldToStopAtDivergenceAndItsRecommendationIsTheAnalysisOfTheCurveUpToThere() throws Exception {
		long id = create("""
				{"type": "range_test", "runner": "client",
				 "rangeTest": {"startLr": 1e-5, "endLr": 10, "iterations": 200, "smoothing": 0}}""");
		List<Double> plan = doubles(get("/api/v1/jobs/" + id).body.get("lrPlan"));
		double[] losses = { 2.0, 1.5, 1.0, 0.5, 0.2, 0.1, 0.3, 0.5, 2.0, 9.0 };
		JsonNode first = postPoints(id, 0, plan.subList(0, 5), losses, 0, 5).body;
		assertThat(first.get("stop").asBoolean()).isFalse();
		assertThat(first.get("reason").isNull()).isTrue();
		assertThat(first.get("iteration").asLong()).isEqualTo(4);
		assertThat(first.get("lr").asDouble()).isEqualTo(plan.get(5));

		JsonNode second = postPoints(id, 5, plan.subList(5, 10), losses, 5, 10).body;
		assertThat(second.get("stop").asBoolean()).isTrue();
		assertThat(second.get("reason").asString()).isEqualTo("diverged");
		assertThat(second.get("iteration").asLong()).isEqualTo(9);

		JsonNode finished = send("POST", "/api/v1/jobs/" + id + "/finish", null).body;
		assertThat(finished.get("status").asString()).isEqualTo("succeeded");
		JsonNode analysis = send("POST", "/api/v1/range-tests/analyze", JSON.writeValueAsString(Map.of(
				"lr", plan.subList(0, 8), "loss", List.of(2.0, 1.5, 1.0, 0.5, 0.2, 0.1, 0.3, 0.5), "smoothing", 0))).body;
		JsonNode recommendation = get("/api/v1/jobs/" + id + "/recommendation").body;
		assertThat(recommendation).isEqualTo(analysis);
		assertThat(finished.get("result").get("recommendation")).isEqualTo(analysis);
		assertThat(finished.get("result").get("iterations").asLong()).isEqualTo(10);
		assertThat(finished.get("result").get("bestLoss").asDouble()).isEqualTo(0.1);
		JsonNode curve = get("/api/v1/jobs/" + id + "/curve").body;
		assertThat(doubles(curve.get("loss"))).containsExactly(2.0, 1.5, 1.0, 0.5, 0.2, 0.1, 0.3, 0.5, 2.0, 9.0);
		assertThat(doubles(curve.get("lr"))).isEqualTo(plan.subList(0, 10));
	}

	// ---- posts

	@Test
	void aPostSentAgainReplacesItsPointsAndNeverDuplicatesThem() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 100));
		double[] losses = IntStream.range(0, 30).mapToDouble(i -> 1.0 / (i + 1)).toArray();
		List<Double> rates = constant(0.1, 30);
		postPoints(id, 0, rates.subList(0, 20), losses, 0, 20);
		JsonNode again = postPoints(id, 0, rates.subList(0, 20), losses, 0, 20).body;
		assertThat(again.get("iteration").asLong()).isEqualTo(19);
		// a retry of a later batch that overlaps the first, with one value changed
		losses[15] = 7.0;
		postPoints(id, 10, rates.subList(10, 30), losses, 10, 30);
		postPoints(id, 0, rates.subList(0, 5), losses, 0, 5); // a late retry of the first five leaves the rest alone
		JsonNode curve = get("/api/v1/jobs/" + id + "/curve").body;
		assertThat(curve.get("totalPoints").asLong()).isEqualTo(30);
		assertThat(longs(curve.get("iteration"))).isEqualTo(LongStream.range(0, 30).boxed().toList());
		assertThat(doubles(curve.get("loss")).get(15)).isEqualTo(7.0);
		assertThat(doubles(curve.get("loss")).get(29)).isEqualTo(1.0 / 30);
		assertThat(get("/api/v1/jobs/" + id).body.get("progress").get("iteration").asLong()).isEqualTo(30);
	}

	@Test
	void pointsSpanningSeveralChunksAreStoredWhole() throws Exception {
		int n = 10_000;
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 20_000));
		double[] losses = IntStream.range(0, n).mapToDouble(i -> 10.0 / (i + 1)).toArray();
		postPoints(id, 0, constant(0.1, 5000), losses, 0, 5000);
		postPoints(id, 5000, constant(0.1, 5000), losses, 5000, n);
		JsonNode curve = get("/api/v1/jobs/" + id + "/curve?from=4090&to=5010").body;
		assertThat(longs(curve.get("iteration"))).isEqualTo(LongStream.rangeClosed(4090, 5010).boxed().toList());
		assertThat(doubles(curve.get("loss"))).isEqualTo(IntStream.rangeClosed(4090, 5010).mapToObj(i -> losses[i]).toList());
		assertThat(get("/api/v1/jobs/" + id + "/curve?maxPoints=100").body.get("totalPoints").asLong()).isEqualTo(n);
	}

	@Test
	void aPostThatBreaksARuleIsRefusedWholeAndStoresNothing() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 10));
		postPoints(id, 0, constant(0.1, 3), new double[] { 3, 2, 1 }, 0, 3);
		record Bad(String body, String field) {
		}
		List<Bad> bad = List.of(
				new Bad("{\"iteration\": [3, 4], \"lr\": [0.1], \"loss\": [1, 1]}", "lr"),
				new Bad("{\"iteration\": [3, 5], \"lr\": [0.1, 0.1], \"loss\": [1, 1]}", "iteration[1]"),
				new Bad("{\"iteration\": [4, 3], \"lr\": [0.1, 0.1], \"loss\": [1, 1]}", "iteration[1]"),
				new Bad("{\"iteration\": [5, 6], \"lr\": [0.1, 0.1], \"loss\": [1, 1]}", "iteration[0]"),
				new Bad("{\"iteration\": [3, 4, 5, 6, 7, 8, 9, 10], \"lr\": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], "
						+ "\"loss\": [1, 1, 1, 1, 1, 1, 1, 1]}", "iteration[7]"),
				new Bad("{\"iteration\": [-1], \"lr\": [0.1], \"loss\": [1]}", "iteration[0]"),
				new Bad("{\"iteration\": [3], \"lr\": [0.1], \"loss\": [\"NaN\"]}", "loss[0]"),
				new Bad("{\"iteration\": [3], \"lr\": [-0.1], \"loss\": [1]}", "lr[0]"),
				new Bad("{\"iteration\": [3], \"lr\": [0.1], \"loss\": [1], \"validation\": {\"iteration\": [4], \"loss\": [1]}}",
						"validation.iteration[0]"));
		for (Bad post : bad) {
			Response answer = send("POST", "/api/v1/jobs/" + id + "/points", post.body());
			assertThat(answer.status).as(post.body()).isEqualTo(400);
			assertThat(answer.contentType).isEqualTo("application/problem+json");
			assertThat(answer.body.get("errors").get(0).get("field").asString()).as(post.body()).isEqualTo(post.field());
		}
		JsonNode curve = get("/api/v1/jobs/" + id + "/curve").body;
		assertThat(doubles(curve.get("loss"))).containsExactly(3.0, 2.0, 1.0);
		assertThat(curve.get("validation").get("iteration")).isEmpty();
	}

	@Test
	void aPostOfMoreThanTheMostPointsIsRefused() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 20_000));
		Response answer = postPoints(id, 0, constant(0.1, 10_001), new double[10_001], 0, 10_001);
		assertThat(answer.status).isEqualTo(400);
		assertThat(answer.body.get("detail").asString()).contains("lrtune.client-runs.max-points-per-post");
		assertThat(get("/api/v1/jobs/" + id + "/curve").body.get("totalPoints").asLong()).isZero();
	}

	@Test
	void pointsPostedToAServerJobAreRefused() throws Exception {
		long id = send("POST", "/api/v1/jobs", """
				{"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
				 "training": {"iterations": 5, "schedule": {"type": "constant", "lr": 0.1}}}""").body.get("id").asLong();
		assertThat(get("/api/v1/jobs/" + id).body.get("runner").asString()).isEqualTo("server");
		Response answer = send("POST", "/api/v1/jobs/" + id + "/points", "{\"iteration\": [0], \"lr\": [0.1], \"loss\": [1]}");
		assertThat(answer.status).isEqualTo(409);
		assertThat(answer.body.get("detail").asString()).contains("run by lrtune's workers");
		assertThat(send("POST", "/api/v1/jobs/" + id + "/finish", null).status).isEqualTo(409);
	}

	@Test
	void afterFinishAPostIsAConflictAndTheCurveStaysAsFinished() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 4));
		JsonNode last = postPoints(id, 0, constant(0.1, 4), new double[] { 4, 3, 2, 1 }, 0, 4).body;
		assertThat(last.get("stop").asBoolean()).isTrue();
		assertThat(last.get("reason").asString()).isEqualTo("complete");
		assertThat(last.get("lr").isNull()).isTrue();
		JsonNode finished = send("POST", "/api/v1/jobs/" + id + "/finish", "{\"status\": \"succeeded\"}").body;
		assertThat(finished.get("status").asString()).isEqualTo("succeeded");
		assertThat(finished.get("result").get("finalLoss").asDouble()).isEqualTo(1.0);
		Response late = postPoints(id, 0, constant(0.1, 1), new double[] { 9 }, 0, 1);
		assertThat(late.status).isEqualTo(409);
		assertThat(late.body.get("detail").asString()).contains("succeeded");
		assertThat(send("POST", "/api/v1/jobs/" + id + "/finish", null).status).isEqualTo(409);
		assertThat(doubles(get("/api/v1/jobs/" + id + "/curve").body.get("loss"))).containsExactly(4.0, 3.0, 2.0, 1.0);
	}

	@Test
	void aClientThatReportsAFailureEndsItsJobFailedWithItsError() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 10));
		postPoints(id, 0, constant(0.1, 2), new double[] { 2, 1 }, 0, 2);
		JsonNode failed = send("POST", "/api/v1/jobs/" + id + "/finish",
				"{\"status\": \"failed\", \"error\": \"CUDA out of memory\"}").body;
		assertThat(failed.get("status").asString()).isEqualTo("failed");
		assertThat(failed.get("error").asString()).isEqualTo("CUDA out of memory");
		assertThat(get("/api/v1/jobs/" + id + "/curve").body.get("totalPoints").asLong()).isEqualTo(2);
	}

	@Test
	void aTrainingLossThatIsNotFiniteSaysStopAndTheJobEndsDiverged() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 10));
		JsonNode answer = send("POST", "/api/v1/jobs/" + id + "/points",
				"{\"iteration\": [0, 1, 2], \"lr\": [0.1, 0.1, 0.1], \"loss\": [1.0, 30.0, null]}").body;
		assertThat(answer.get("stop").asBoolean()).isTrue();
		assertThat(answer.get("reason").asString()).isEqualTo("diverged");
		JsonNode finished = send("POST", "/api/v1/jobs/" + id + "/finish", null).body;
		assertThat(finished.get("status").asString()).isEqualTo("diverged");
		JsonNode curve = get("/api/v1/jobs/" + id + "/curve").body;
		assertThat(curve.get("loss").get(2).isNull()).isTrue();
	}

	// ---- lease, cancel

	@Test
	void aClientThatStopsPostingFailsItsJobOnceTheLeaseHasPassedAndItsPointsAreKept() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 100));
		postPoints(id, 0, constant(0.1, 7), new double[] { 7, 6, 5, 4, 3, 2, 1 }, 0, 7);
		clock.advance(Duration.ofMinutes(9));
		clientRuns.expireLeases(); // ends jobs that other tests left running, not this one
		assertThat(get("/api/v1/jobs/" + id).body.get("status").asString()).isEqualTo("running");
		clock.advance(Duration.ofMinutes(2));
		JsonNode job = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
			.until(() -> get("/api/v1/jobs/" + id).body, body -> !"running".equals(body.get("status").asString()));
		assertThat(job.get("status").asString()).isEqualTo("failed");
		assertThat(job.get("error").asString()).contains("client stopped reporting").contains("10m")
			.contains("lrtune.client-runs.lease");
		assertThat(job.get("finishedAt").isNull()).isFalse();
		assertThat(get("/api/v1/jobs/" + id + "/curve").body.get("totalPoints").asLong()).isEqualTo(7);
		assertThat(postPoints(id, 7, constant(0.1, 1), new double[] { 1 }, 0, 1).status).isEqualTo(409);
	}

	@Test
	void eachPostRenewsTheLease() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 100));
		for (int i = 0; i < 4; i++) {
			clock.advance(Duration.ofMinutes(6));
			assertThat(postPoints(id, i, constant(0.1, 1), new double[] { 1 }, 0, 1).status).isEqualTo(200);
		}
		clientRuns.expireLeases(); // ends jobs that other tests left running, not this one
		assertThat(get("/api/v1/jobs/" + id).body.get("status").asString()).isEqualTo("running");
	}

	@Test
	void aPostAfterTheLeasePassedIsAConflictAndTheJobHasFailed() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 100));
		postPoints(id, 0, constant(0.1, 1), new double[] { 1 }, 0, 1);
		clock.advance(Duration.ofMinutes(11));
		Response late = postPoints(id, 1, constant(0.1, 1), new double[] { 1 }, 0, 1);
		assertThat(late.status).isEqualTo(409);
		// whether the post or the periodic check found the lease passed first, the job failed for it
		assertThat(late.body.get("detail").asString()).contains("lrtune.client-runs.lease");
		JsonNode job = get("/api/v1/jobs/" + id).body;
		assertThat(job.get("status").asString()).isEqualTo("failed");
		assertThat(get("/api/v1/jobs/" + id + "/curve").body.get("totalPoints").asLong()).isEqualTo(1);
	}

	@Test
	void aCancelledJobIsToldToStopByItsNextPostWhichItKeeps() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 100));
		postPoints(id, 0, constant(0.1, 3), new double[] { 3, 2, 1 }, 0, 3);
		assertThat(send("POST", "/api/v1/jobs/" + id + "/cancel", null).status).isEqualTo(200);
		JsonNode answer = postPoints(id, 3, constant(0.1, 2), new double[] { 0.5, 0.4 }, 0, 2).body;
		assertThat(answer.get("stop").asBoolean()).isTrue();
		assertThat(answer.get("reason").asString()).isEqualTo("cancelled");
		JsonNode job = get("/api/v1/jobs/" + id).body;
		assertThat(job.get("status").asString()).isEqualTo("cancelled");
		assertThat(job.get("result").get("finalLoss").asDouble()).isEqualTo(0.4);
		assertThat(get("/api/v1/jobs/" + id + "/curve").body.get("totalPoints").asLong()).isEqualTo(5);
		assertThat(postPoints(id, 5, constant(0.1, 1), new double[] { 1 }, 0, 1).status).isEqualTo(409);
	}

	// ---- schedules

	/**
	 * plateau with patience 0 and factor 0.5 (PyTorch ReduceLROnPlateau): the first evaluation sets the best; each
	 * later one that is not better halves the rate from the next iteration on. Hand table: losses 1.0 (after
	 * iteration 9), 0.8 (19), 0.9 (29), 0.95 (39) → rate 0.1 up to 29, 0.05 from 30, 0.025 from 40.
	 */
	@Test
	void aPlateauScheduleAnswersTheRateThatThePostedValidationLossesDecide() throws Exception {
		long id = create(training("{\"type\": \"plateau\", \"lr\": 0.1, \"patience\": 0, \"factor\": 0.5}", 100));
		assertThat(get("/api/v1/jobs/" + id).body.get("lrPlan").isNull()).isTrue();
		double[] validation = { 1.0, 0.8, 0.9, 0.95 };
		double[] expected = { 0.1, 0.1, 0.05, 0.025 };
		double rate = 0.1;
		for (int block = 0; block < 4; block++) {
			int from = block * 10;
			String body = JSON.writeValueAsString(Map.of("iteration", LongStream.range(from, from + 10).boxed().toList(),
					"lr", constant(rate, 10), "loss", constant(1.0, 10),
					"validation", Map.of("iteration", List.of(from + 9), "loss", List.of(validation[block]))));
			JsonNode answer = send("POST", "/api/v1/jobs/" + id + "/points", body).body;
			rate = answer.get("lr").asDouble();
			assertThat(rate).as("rate from iteration %d", from + 10).isEqualTo(expected[block]);
		}
		JsonNode curve = get("/api/v1/jobs/" + id + "/curve").body;
		assertThat(longs(curve.get("validation").get("iteration"))).containsExactly(9L, 19L, 29L, 39L);
		assertThat(doubles(curve.get("validation").get("loss"))).containsExactly(1.0, 0.8, 0.9, 0.95);
	}

	@Test
	void aScheduleKnownInAdvanceIsThePlanAndThePreview() throws Exception {
		String cosine = "{\"type\": \"cosine\", \"lr\": 0.1, \"minLr\": 0.001, \"tMax\": 50}";
		JsonNode job = send("POST", "/api/v1/jobs", training(cosine, 50)).body;
		JsonNode preview = send("POST", "/api/v1/schedules/preview", "{\"schedule\": " + cosine + ", \"steps\": 50}").body;
		assertThat(job.get("lrPlan")).isEqualTo(preview.get("lr"));
		JsonNode answer = postPoints(job.get("id").asLong(), 0, doubles(preview.get("lr")).subList(0, 10), new double[10], 0, 10).body;
		assertThat(answer.get("lr").asDouble()).isEqualTo(preview.get("lr").get(10).asDouble());
	}

	// ---- creation, listing

	@Test
	void fieldsThatDescribeLrtunesOwnModelAreRefusedForAClientRun() throws Exception {
		Response refused = send("POST", "/api/v1/jobs", """
				{"type": "training", "runner": "client", "dataset": "synthetic:moons", "model": {"type": "logistic"},
				 "batchSize": 32, "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}""");
		assertThat(refused.status).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		refused.body.get("errors").forEach(error -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("dataset", "model", "batchSize");
	}

	@Test
	void aClientRangeTestWhoseRampCannotBeMadeIsRefusedNamingEachBrokenFieldAndNothingIsStored() throws Exception {
		String marker = "ramp" + System.nanoTime();
		Response refused = send("POST", "/api/v1/jobs", """
				{"type": "range_test", "runner": "client", "name": "%s",
				 "rangeTest": {"startLr": 1, "endLr": 0.1, "iterations": 100, "mode": "cubic"}}""".formatted(marker));
		assertThat(refused.status).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		refused.body.get("errors").forEach(error -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("rangeTest.endLr", "rangeTest.mode");
		assertThat(ids("/api/v1/jobs?name=" + marker)).isEmpty();
	}

	@Test
	void jobsAreFoundByRunnerNameAndTags() throws Exception {
		String marker = "m" + System.nanoTime();
		long tagged = create("""
				{"type": "range_test", "runner": "client", "name": "ResNet %s a", "tags": {"project": "%s", "gpu": "a100"},
				 "params": {"model": "resnet18", "batchSize": 128, "augment": [true, false]}}""".formatted(marker, marker));
		long other = create("""
				{"type": "range_test", "runner": "client", "name": "vit %s b", "tags": {"project": "%s", "gpu": "v100"}}"""
			.formatted(marker, marker));
		JsonNode job = get("/api/v1/jobs/" + tagged).body;
		assertThat(job.get("tags")).isEqualTo(JSON.readTree("{\"project\": \"" + marker + "\", \"gpu\": \"a100\"}"));
		assertThat(job.get("params")).isEqualTo(JSON.readTree("{\"model\": \"resnet18\", \"batchSize\": 128, \"augment\": [true, false]}"));
		assertThat(ids("/api/v1/jobs?tag=project:" + marker)).containsExactly(other, tagged);
		assertThat(ids("/api/v1/jobs?tag=project:" + marker + "&tag=gpu:a100")).containsExactly(tagged);
		assertThat(ids("/api/v1/jobs?name=resnet%20" + marker)).containsExactly(tagged);
		assertThat(ids("/api/v1/jobs?runner=client&name=" + marker)).containsExactly(other, tagged);
		assertThat(ids("/api/v1/jobs?runner=server&name=" + marker)).isEmpty();
		assertThat(ids("/api/v1/jobs?name=%25" + marker)).isEmpty(); // % is a character, not a wildcard
		JsonNode page = get("/api/v1/jobs?tag=project:" + marker).body;
		assertThat(page.get("items").get(0).get("lrPlan").isNull()).isTrue();
		assertThat(send("GET", "/api/v1/jobs?tag=project", null).status).isEqualTo(400);
		assertThat(send("GET", "/api/v1/jobs?runner=gpu", null).status).isEqualTo(400);
	}

	@Test
	void prometheusCountsClientRunsAndThePointsTheyPost() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 3));
		postPoints(id, 0, constant(0.1, 3), new double[] { 3, 2, 1 }, 0, 3);
		send("POST", "/api/v1/jobs/" + id + "/finish", null);
		String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
				BodyHandlers.ofString()).body();
		assertThat(metrics).contains("lrtune_curve_points_written_total")
			.containsPattern("lrtune_job_duration_seconds_count\\{[^}]*status=\"succeeded\"[^}]*type=\"training\"");
	}

	@Test
	void theCurveStreamCarriesThePostedPointsAndEndsWithTheStatus() throws Exception {
		long id = create(training("{\"type\": \"constant\", \"lr\": 0.1}", 40));
		postPoints(id, 0, constant(0.1, 10), new double[40], 0, 10);
		CompletableFuture<List<Event>> stream = CompletableFuture.supplyAsync(() -> stream(id));
		for (int first = 10; first < 40; first += 10) {
			postPoints(id, first, constant(0.1, 10), new double[40], first, first + 10);
		}
		send("POST", "/api/v1/jobs/" + id + "/finish", null);
		List<Event> events = stream.get(60, TimeUnit.SECONDS);
		assertThat(events.get(events.size() - 1)).isEqualTo(new Event("status", Map.of("id", (int) id, "status", "succeeded")));
		List<Object> streamed = events.stream()
			.filter(event -> event.name().equals("points"))
			.flatMap(event -> ((List<?>) event.data().get("iteration")).stream())
			.map(Object.class::cast)
			.toList();
		assertThat(streamed).isEqualTo(IntStream.range(0, 40).boxed().toList());
	}

	@Test
	void aServerJobKeepsItsNameTagsAndParams() throws Exception {
		Response submitted = send("POST", "/api/v1/jobs", """
				{"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
				 "name": "baseline", "tags": {"kind": "server-labels"}, "params": {"note": "kept"},
				 "training": {"iterations": 5, "schedule": {"type": "constant", "lr": 0.1}}}""");
		assertThat(submitted.status).isEqualTo(202);
		long id = submitted.body.get("id").asLong();
		JsonNode job = get("/api/v1/jobs/" + id).body;
		assertThat(job.get("runner").asString()).isEqualTo("server");
		assertThat(job.get("name").asString()).isEqualTo("baseline");
		assertThat(job.get("tags").get("kind").asString()).isEqualTo("server-labels");
		assertThat(job.get("params").get("note").asString()).isEqualTo("kept");
		assertThat(job.get("lrPlan").isNull()).isTrue();
		assertThat(ids("/api/v1/jobs?runner=server&tag=kind:server-labels")).containsExactly(id);
	}

	private List<Event> stream(long id) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + id + "/curve/stream"))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(60))
			.build();
		try {
			return ServerSentEvents.read(http.send(request, BodyHandlers.ofLines()).body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// ---- helpers

	static String training(String schedule, long iterations) {
		return """
				{"type": "training", "runner": "client", "training": {"iterations": %d, "schedule": %s}}"""
			.formatted(iterations, schedule);
	}

	static List<Double> constant(double value, int n) {
		return IntStream.range(0, n).mapToObj(i -> value).toList();
	}

	long create(String body) throws IOException, InterruptedException {
		Response created = send("POST", "/api/v1/jobs", body);
		assertThat(created.status).as(created.body.toString()).isEqualTo(201);
		return created.body.get("id").asLong();
	}

	/** Posts iterations first… with these rates and losses[from…to). */
	Response postPoints(long id, long first, List<Double> lr, double[] losses, int from, int to)
			throws IOException, InterruptedException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("iteration", LongStream.range(first, first + lr.size()).boxed().toList());
		body.put("lr", lr);
		List<Double> loss = new ArrayList<>();
		for (int i = from; i < to; i++) {
			loss.add(losses[i]);
		}
		body.put("loss", loss);
		return send("POST", "/api/v1/jobs/" + id + "/points", JSON.writeValueAsString(body));
	}

	List<Long> ids(String path) throws IOException, InterruptedException {
		List<Long> ids = new ArrayList<>();
		get(path).body.get("items").forEach(item -> ids.add(item.get("id").asLong()));
		return ids;
	}

	Response get(String path) throws IOException, InterruptedException {
		return send("GET", path, null);
	}

	Response send(String method, String path, String body) throws IOException, InterruptedException {
		return send(port, method, path, body);
	}

	Response send(int port, String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		var response = http.send(request.build(), BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers().firstValue("Location").orElse(null),
				response.headers().firstValue("Content-Type").orElse(null),
				response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
	}

	static List<Double> doubles(JsonNode array) {
		List<Double> values = new ArrayList<>();
		array.forEach(value -> values.add(value.isNull() ? null : value.asDouble()));
		return values;
	}

	static List<Long> longs(JsonNode array) {
		List<Long> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asLong()));
		return values;
	}

	record Response(int status, String location, String contentType, JsonNode body) {
	}

}
