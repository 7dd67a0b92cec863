package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.lrtune.DocumentedResponses;
import dev.lrtune.StudiesOverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Studies over real HTTP, from the request to the winner's schedule re-run as a plain training job.
 */
@StudiesOverHttp
class StudyEndToEndTests {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	/**
	 * Noisy linear regression with standardised features, where the answer is known: lr 3 is past SGD's stability
	 * limit (2/λmax, about 1 here) and diverges; a constant 0.3 stalls at a noise floor that grows with the rate;
	 * the same 0.3 decayed 100× over the budget goes below that floor; 0.0003 barely moves in the budget.
	 */
	static final String KNOWN_ANSWER = """
			{"dataset": "synthetic:linear?samples=1000&features=10&noise=1.0&seed=3", "model": {"type": "linear"},
			 "batchSize": 8, "seed": 11, "iterations": 2000, "evaluateEvery": 50,
			 "candidates": [{"type": "constant", "lr": 3},
			                {"type": "constant", "lr": 0.3},
			                {"type": "exponential", "lr": 0.3, "decayRate": 0.01, "decaySteps": 2000},
			                {"type": "constant", "lr": 0.0003}],
			 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 500}}""";

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void connect() {
		http = DocumentedResponses.client(port, "/api/v1")
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void theDecayingScheduleWinsTheTooLargeConstantDivergesAndRanksLastAndPrunedTrialsStopEarly() {
		ResponseEntity<Map<String, Object>> submitted = post("/studies", KNOWN_ANSWER);
		assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		URI location = submitted.getHeaders().getLocation();
		assertThat(location).hasToString("/api/v1/studies/" + submitted.getBody().get("id"));
		Map<String, Object> study = finished(location.getPath().replace("/api/v1", ""));

		assertThat(study.get("status")).isEqualTo("succeeded");
		assertThat(study.get("objective")).isEqualTo("best");
		assertThat(map(study.get("request"))).containsEntry("objective", "best");
		assertThat(study.get("rungs")).isEqualTo(List.of(500, 1000, 2000));
		assertThat(study.get("rangeTestJobId")).isNull();
		List<Map<String, Object>> trials = maps(study.get("trials"));
		// exponential wins; constant 0.3 was pruned at rung 1, 0.0003 at rung 0; lr 3 diverged and is last
		assertThat(trials).extracting(t -> t.get("candidate")).containsExactly(2, 1, 3, 0);
		assertThat(trials).extracting(t -> t.get("rank")).containsExactly(1, 2, 3, 4);
		assertThat(trials).extracting(t -> t.get("rung")).containsExactly(2, 1, 0, 0);
		assertThat(trials).extracting(t -> t.get("pruned")).containsExactly(false, true, true, true);
		assertThat(trials).extracting(t -> t.get("diverged")).containsExactly(false, false, false, true);
		assertThat(trials).extracting(t -> t.get("status")).containsExactly("succeeded", "succeeded", "succeeded", "diverged");

		// every trial's validation losses are its job's: the last, and the lowest of its curve with where it was
		// measured; each rung kept the lowest of those lowest losses (the objective best)
		for (Map<String, Object> trial : trials) {
			Map<String, Object> job = get("/jobs/" + trial.get("jobId"));
			assertThat(job.get("studyId")).isEqualTo(study.get("id"));
			if (!"diverged".equals(trial.get("status"))) {
				assertThat(trial.get("validationLoss")).isEqualTo(map(job.get("result")).get("validationLoss"));
				assertLowestOfTheCurve(trial);
			}
		}
		Map<Integer, List<Map<String, Object>>> runsByRung = trials.stream()
			.flatMap(t -> maps(t.get("runs")).stream().map(run -> Map.of("candidate", t.get("candidate"), "run", run)))
			.collect(Collectors.groupingBy(entry -> (Integer) map(entry.get("run")).get("rung")));
		assertThat(runsByRung.get(0)).hasSize(4);
		assertThat(runsByRung.get(1)).hasSize(2);
		assertThat(runsByRung.get(2)).hasSize(1);
		assertThat(candidates(runsByRung.get(1))).containsExactlyInAnyOrderElementsOf(bestTwo(runsByRung.get(0)));
		assertThat(candidates(runsByRung.get(2))).containsExactlyElementsOf(bestTwo(runsByRung.get(1)).subList(0, 1));

		// pruned trials stopped: 7 jobs in all, each at its rung's length except the diverged one, which stopped
		Map<String, Object> page = get("/jobs?studyId=" + study.get("id") + "&size=100");
		assertThat(page.get("totalItems")).isEqualTo(7);
		long iterations = maps(page.get("items")).stream()
			.mapToLong(job -> ((Number) map(job.get("progress")).get("iteration")).longValue())
			.sum();
		long diverged = ((Number) trials.get(3).get("iterations")).longValue();
		assertThat(diverged).isLessThan(500);
		assertThat(iterations).isEqualTo(3 * 500 + diverged + 2 * 1000 + 2000).isLessThan(4 * 2000);
		assertThat(get("/jobs?studyId=999999").get("totalItems")).isEqualTo(0);

		Map<String, Object> best = map(study.get("best"));
		assertThat(best.get("jobId")).isEqualTo(trials.get(0).get("jobId"));
		assertThat(best.get("validationLoss")).isEqualTo(trials.get(0).get("validationLoss"));
		assertThat(best.get("bestValidationLoss")).isEqualTo(trials.get(0).get("bestValidationLoss"));
		assertThat(best.get("bestValidationIteration")).isEqualTo(trials.get(0).get("bestValidationIteration"));
		assertThat(best.get("iterations")).isEqualTo(2000);
		assertThat(map(best.get("schedule"))).containsEntry("type", "exponential").containsEntry("lr", 0.3);
		assertBestScheduleReproducesTheWinnersCurve(study, best);
	}

	/** best.schedule, pasted into a training job with the study's seed and budget, gives the winner's curve again. */
	private void assertBestScheduleReproducesTheWinnersCurve(Map<String, Object> study, Map<String, Object> best) {
		Map<String, Object> request = map(study.get("request"));
		String training = """
				{"type": "training", "dataset": "%s", "model": {"type": "linear"}, "batchSize": 8, "seed": %s,
				 "training": {"iterations": %s, "evaluateEvery": 50, "schedule": %s}}""".formatted(request.get("dataset"),
				request.get("seed"), best.get("iterations"), json(best.get("schedule")));
		ResponseEntity<Map<String, Object>> rerun = post("/jobs", training);
		assertThat(rerun.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String path = "/jobs/" + rerun.getBody().get("id");
		await().atMost(Duration.ofMinutes(1)).until(() -> get(path), job -> "succeeded".equals(job.get("status")));
		Map<String, Object> again = get(path + "/curve");
		Map<String, Object> winner = get("/jobs/" + best.get("jobId") + "/curve");
		assertThat(again.get("totalPoints")).isEqualTo(2000);
		assertThat(again.get("lr")).isEqualTo(winner.get("lr"));
		assertThat(again.get("loss")).isEqualTo(winner.get("loss"));
		assertThat(again.get("validation")).isEqualTo(winner.get("validation"));
		assertThat(map(get(path).get("result")).get("validationLoss")).isEqualTo(best.get("validationLoss"));

		// and the winner's rung-0 job followed exactly the first 500 steps of that full run
		List<Map<String, Object>> runs = maps(maps(study.get("trials")).get(0).get("runs"));
		Map<String, Object> first = get("/jobs/" + runs.get(0).get("jobId") + "/curve");
		assertThat(first.get("loss")).isEqualTo(((List<?>) winner.get("loss")).subList(0, 500));
	}

	@Test
	void withoutCandidatesALearningRateSearchRunsFirstAndSizesOneCandidatePerFamilyFromItsMeasuredRate() {
		ResponseEntity<Map<String, Object>> submitted = post("/studies", """
				{"dataset": "synthetic:moons?samples=600&noise=0.2&seed=7", "model": {"type": "logistic"},
				 "seed": 5, "iterations": 900}""");
		assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		Map<String, Object> body = submitted.getBody();
		assertThat(body.get("rung")).isEqualTo(-1);
		assertThat(maps(body.get("trials"))).isEmpty();
		Number rangeTestJobId = (Number) body.get("rangeTestJobId");
		Map<String, Object> searchJob = get("/jobs/" + rangeTestJobId);
		assertThat(searchJob).containsEntry("type", "lr_search").containsEntry("studyId", body.get("id"));
		// the search measures a constant rate for the study's budget, judged as the study judges its trials
		assertThat(map(map(searchJob.get("request")).get("lrSearch"))).containsEntry("iterations", 900)
			.containsEntry("family", "constant").containsEntry("objective", "best");
		assertThat(map(map(body.get("request")).get("strategy"))).containsEntry("eta", 3).containsEntry("minIterations", 100);

		Map<String, Object> study = finished("/studies/" + body.get("id"));
		assertThat(study.get("status")).isEqualTo("succeeded");
		assertThat(study.get("rungs")).isEqualTo(List.of(100, 300, 900));
		Map<String, Object> finder = get("/jobs/" + rangeTestJobId + "/recommendation");
		assertThat(finder.get("method")).isEqualTo("search");
		double lr = ((Number) finder.get("recommendedLr")).doubleValue();
		double maxLr = ((Number) map(finder.get("cyclicBounds")).get("maxLr")).doubleValue();
		List<Map<String, Object>> trials = maps(study.get("trials"));
		Map<Integer, Map<String, Object>> schedules = trials.stream()
			.collect(Collectors.toMap(t -> (Integer) t.get("candidate"), t -> map(t.get("schedule"))));
		assertThat(schedules.keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
		assertThat(schedules.values()).extracting(s -> s.get("type")).containsExactly("constant", "step", "exponential",
				"linear", "plateau", "cyclic", "cosine_restarts", "one_cycle");
		assertThat(schedules.get(0)).containsEntry("lr", lr);
		assertThat(schedules.get(3)).containsEntry("lr", lr).containsEntry("decaySteps", 900);
		assertThat(schedules.get(5)).containsEntry("maxLr", maxLr);
		assertThat(schedules.get(7)).containsEntry("maxLr", maxLr).containsEntry("totalSteps", 900);
		// the search trained the constant candidate's whole run: it waits at rung 2 while the other seven race
		// 7 → 2 → 1, the survivor meeting it there
		assertThat(trials).extracting(t -> t.get("rung")).containsExactly(2, 2, 1, 0, 0, 0, 0, 0);
		Map<String, Object> constant = trials.stream().filter(t -> (Integer) t.get("candidate") == 0).findFirst()
			.orElseThrow();
		assertThat(constant.get("jobId")).isEqualTo(rangeTestJobId.intValue());
		assertThat(constant.get("pruned")).isEqualTo(false);
		assertThat((String) constant.get("note")).contains("learning-rate search", "job " + rangeTestJobId);
		List<Map<String, Object>> constantRuns = maps(constant.get("runs"));
		assertThat(constantRuns).singleElement().satisfies(run -> {
			assertThat(run).containsEntry("rung", 2).containsEntry("source", "search").containsEntry("iterations", 900);
			assertThat(run.get("bestValidationLoss")).isEqualTo(constant.get("bestValidationLoss"));
		});
		assertThat(trials).filteredOn(t -> (Integer) t.get("candidate") != 0)
			.allSatisfy(t -> assertThat(t.get("note")).isNull());
		assertSearchRunIsTheConstantCandidatesRun(study, constant, rangeTestJobId.longValue());
		// each rung's trial is its candidate sized for the rung: the linear one decays over 100, 300 or 900 steps
		for (Map<String, Object> trial : trials) {
			if ((Integer) trial.get("candidate") == 0) {
				continue;
			}
			List<Map<String, Object>> runs = maps(trial.get("runs"));
			assertThat(map(runs.get(0).get("schedule"))).containsEntry("type", map(trial.get("schedule")).get("type"));
			assertThat(runs.get(0)).containsEntry("source", "trial");
			// the first rung (100 iterations) measures every iteration: a hundred times
			assertThat(map(map(get("/jobs/" + runs.get(0).get("jobId")).get("request")).get("training")))
				.containsEntry("evaluateEvery", 1);
			if ("linear".equals(map(trial.get("schedule")).get("type"))) {
				assertThat(map(runs.get(0).get("schedule"))).containsEntry("decaySteps", 100).containsEntry("lr", lr);
			}
			if ((Integer) trial.get("rung") == 2) {
				assertThat(runs.get(2).get("schedule")).isEqualTo(trial.get("schedule"));
				assertThat(map(map(get("/jobs/" + trial.get("jobId")).get("request")).get("training")))
					.containsEntry("iterations", 900).containsEntry("evaluateEvery", 9);
			}
		}
		assertThat(study.get("best")).isNotNull();
		// the search, then 7 + 2 + 1 trials
		assertThat(get("/jobs?studyId=" + study.get("id") + "&size=100").get("totalItems")).isEqualTo(1 + 7 + 2 + 1);
	}

	/**
	 * The constant candidate's losses are the search's whole run at its rate, and training the candidate's schedule
	 * with the study's seed, budget and measurements gives that very run again.
	 */
	private void assertSearchRunIsTheConstantCandidatesRun(Map<String, Object> study, Map<String, Object> constant,
			long searchJobId) {
		Map<String, Object> search = map(map(get("/jobs/" + searchJobId).get("result")).get("search"));
		Map<String, Object> whole = maps(search.get("trials")).stream()
			.filter(t -> t.get("lr").equals(search.get("lr")) && ((Number) t.get("iterations")).longValue() == 900)
			.findFirst()
			.orElseThrow();
		assertThat(whole.get("lastValidationLoss")).isEqualTo(constant.get("validationLoss"));
		assertThat(whole.get("bestValidationLoss")).isEqualTo(constant.get("bestValidationLoss"));
		assertThat(whole.get("bestValidationIteration")).isEqualTo(constant.get("bestValidationIteration"));

		Map<String, Object> request = map(study.get("request"));
		ResponseEntity<Map<String, Object>> again = post("/jobs", """
				{"type": "training", "dataset": "synthetic:moons?samples=600&noise=0.2&seed=7",
				 "model": {"type": "logistic"}, "seed": %s, "standardizeTarget": %s,
				 "training": {"iterations": 900, "evaluateEvery": %s, "schedule": {"type": "constant", "lr": %s}}}"""
			.formatted(request.get("seed"), request.get("standardizeTarget"), request.get("evaluateEvery"),
					map(constant.get("schedule")).get("lr")));
		String path = "/jobs/" + again.getBody().get("id");
		Map<String, Object> job = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
			.until(() -> get(path), j -> List.of("succeeded", "failed", "diverged", "cancelled").contains(j.get("status")));
		assertThat(job.get("status")).isEqualTo("succeeded");
		Map<String, Object> result = map(job.get("result"));
		assertThat(result.get("validationLoss")).isEqualTo(constant.get("validationLoss"));
		assertThat(result.get("bestValidationLoss")).isEqualTo(constant.get("bestValidationLoss"));
		assertThat(result.get("bestValidationIteration")).isEqualTo(constant.get("bestValidationIteration"));
	}

	@Test
	void withTheObjectiveLastTrialsAreRankedAndPrunedByTheirFinalValidationLoss() {
		ResponseEntity<Map<String, Object>> submitted = post("/studies", """
				{"dataset": "synthetic:linear?samples=400&features=5&noise=1.0&seed=3", "model": {"type": "linear"},
				 "batchSize": 8, "seed": 2, "iterations": 400, "evaluateEvery": 20, "objective": "last",
				 "candidates": [{"type": "constant", "lr": 0.5}, {"type": "constant", "lr": 0.1},
				                {"type": "constant", "lr": 0.02}, {"type": "constant", "lr": 0.004}],
				 "strategy": {"eta": 2, "minIterations": 100}}""");
		assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		Map<String, Object> study = finished("/studies/" + submitted.getBody().get("id"));
		assertThat(study.get("status")).isEqualTo("succeeded");
		assertThat(study.get("objective")).isEqualTo("last");
		List<Map<String, Object>> trials = maps(study.get("trials"));
		Map<Integer, List<Map<String, Object>>> runsByRung = trials.stream()
			.flatMap(t -> maps(t.get("runs")).stream().map(run -> Map.of("candidate", t.get("candidate"), "run", run)))
			.collect(Collectors.groupingBy(entry -> (Integer) map(entry.get("run")).get("rung")));
		assertThat(candidates(runsByRung.get(1))).containsExactlyInAnyOrderElementsOf(
				bestTwo(runsByRung.get(0), "validationLoss"));
		assertThat(candidates(runsByRung.get(2))).containsExactlyElementsOf(
				bestTwo(runsByRung.get(1), "validationLoss").subList(0, 1));
		// within a rung, trials stand by their last validation loss
		for (int i = 1; i < trials.size(); i++) {
			Map<String, Object> above = trials.get(i - 1);
			Map<String, Object> below = trials.get(i);
			if (above.get("rung").equals(below.get("rung")) && "succeeded".equals(below.get("status"))) {
				assertThat(((Number) above.get("validationLoss")).doubleValue())
					.isLessThanOrEqualTo(((Number) below.get("validationLoss")).doubleValue());
			}
		}
		assertThat(map(study.get("best")).get("validationLoss")).isEqualTo(trials.get(0).get("validationLoss"));
	}

	@Test
	void cancellingAStudyStopsEveryTrialAndNothingMoreIsQueued() {
		ResponseEntity<Map<String, Object>> submitted = post("/studies", """
				{"dataset": "synthetic:moons?samples=2000&seed=7", "model": {"type": "mlp", "hidden": [64, 64]},
				 "seed": 1, "iterations": 3000000,
				 "candidates": [{"type": "constant", "lr": 0.1}, {"type": "constant", "lr": 0.01},
				                {"type": "constant", "lr": 0.001}]}""");
		String path = "/studies/" + submitted.getBody().get("id");
		String jobs = "/jobs?studyId=" + submitted.getBody().get("id");
		await().atMost(Duration.ofSeconds(30)).until(() -> maps(get(jobs).get("items")),
				items -> items.stream().anyMatch(job -> "running".equals(job.get("status"))));

		ResponseEntity<Map<String, Object>> cancelled = post(path + "/cancel", "");
		assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(cancelled.getBody()).containsEntry("status", "cancelled");
		assertThat(cancelled.getBody().get("finishedAt")).isNotNull();
		await().atMost(Duration.ofSeconds(30)).until(() -> maps(get(jobs).get("items")),
				items -> items.stream().allMatch(job -> "cancelled".equals(job.get("status"))));
		assertThat(get(jobs).get("totalItems")).isEqualTo(3);
		assertThat(maps(get(path).get("trials"))).extracting(t -> t.get("status")).containsOnly("cancelled");

		ResponseEntity<Map<String, Object>> again = post(path + "/cancel", "");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getBody().get("detail")).isEqualTo("Study " + submitted.getBody().get("id")
				+ " is cancelled; only a running study can be cancelled.");
	}

	@Test
	void aStudyTheJobApiWouldRefuseIsRefusedWholeWithTheStudysFieldNames() {
		long before = ((Number) get("/studies").get("totalItems")).longValue();
		assertRefused("""
				{"dataset": "synthetic:linear?seed=1", "model": {"type": "linear"}, "iterations": 100,
				 "candidates": [{"type": "constant", "lr": 0.1}, {"type": "cyclic", "baseLr": 0.1, "maxLr": 0.01}]}""",
				"candidates[1].maxLr");
		assertRefused("""
				{"dataset": "404", "model": {"type": "linear"}, "iterations": 100}""", "dataset");
		assertRefused("""
				{"dataset": "synthetic:moons", "model": {"type": "linear"}, "iterations": 100}""", "model.type");
		assertRefused("""
				{"dataset": "synthetic:linear", "model": {"type": "linear"}, "iterations": 100,
				 "strategy": {"minIterations": 101}}""", "strategy.minIterations");
		assertRefused("""
				{"dataset": "synthetic:linear", "model": {"type": "linear"}, "iterations": 100000000}""", "iterations");
		assertRefused("""
				{"dataset": "synthetic:linear", "model": {"type": "linear"}, "iterations": 100,
				 "rangeTest": {"repeats": 50}}""", "rangeTest.repeats");
		assertThat(((Number) get("/studies").get("totalItems")).longValue()).isEqualTo(before);
		assertThat(get("/jobs?size=1000").get("items").toString()).doesNotContain("synthetic:linear?seed=1");

		ResponseEntity<Map<String, Object>> missing = http.get().uri("/studies/424242").retrieve().toEntity(JSON);
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(missing.getBody()).containsEntry("detail", "There is no study 424242.");
	}

	private void assertRefused(String body, String field) {
		ResponseEntity<Map<String, Object>> refused = post("/studies", body);
		assertThat(refused.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(maps(refused.getBody().get("errors"))).extracting(e -> e.get("field")).as(body).contains(field);
	}

	private static List<Object> candidates(List<Map<String, Object>> entries) {
		return entries.stream().map(e -> e.get("candidate")).toList();
	}

	/** A trial's lowest validation loss and its iteration are the minimum of its job's validation curve. */
	private void assertLowestOfTheCurve(Map<String, Object> trial) {
		Map<String, Object> validation = map(get("/jobs/" + trial.get("jobId") + "/curve").get("validation"));
		List<?> losses = (List<?>) validation.get("loss");
		int lowest = 0;
		for (int i = 1; i < losses.size(); i++) {
			if (((Number) losses.get(i)).doubleValue() < ((Number) losses.get(lowest)).doubleValue()) {
				lowest = i;
			}
		}
		assertThat(trial.get("bestValidationLoss")).isEqualTo(losses.get(lowest));
		assertThat(((Number) trial.get("bestValidationIteration")).longValue())
			.isEqualTo(((Number) ((List<?>) validation.get("iteration")).get(lowest)).longValue());
		assertThat(((Number) trial.get("bestValidationLoss")).doubleValue())
			.isLessThanOrEqualTo(((Number) trial.get("validationLoss")).doubleValue());
	}

	/** The two candidates with the lowest (lowest reached) validation loss of a rung's succeeded runs, best first. */
	private static List<Object> bestTwo(List<Map<String, Object>> entries) {
		return bestTwo(entries, "bestValidationLoss");
	}

	private static List<Object> bestTwo(List<Map<String, Object>> entries, String loss) {
		return entries.stream()
			.filter(e -> "succeeded".equals(map(e.get("run")).get("status")))
			.sorted(Comparator.comparingDouble(e -> ((Number) map(e.get("run")).get(loss)).doubleValue()))
			.limit(2)
			.map(e -> e.get("candidate"))
			.toList();
	}

	private Map<String, Object> finished(String path) {
		return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
			.until(() -> get(path), study -> !"running".equals(study.get("status")));
	}

	private ResponseEntity<Map<String, Object>> post(String path, String body) {
		return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JSON);
	}

	private Map<String, Object> get(String path) {
		return http.get().uri(path).retrieve().body(JSON);
	}

	private static String json(Object value) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(Object value) {
		return (List<Map<String, Object>>) value;
	}

}
