package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.lrtune.core.rangetest.AnalysisSettings;
import dev.lrtune.core.rangetest.RangeTestAnalysis;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.search.Evidence;
import dev.lrtune.ApiSlice;

@ApiSlice
class JobControllerTests {

	private static final String VALID = """
			{"type": "training", "dataset": "synthetic:moons", "model": {"type": "logistic"},
			 "training": {"iterations": 100, "schedule": {"type": "constant", "lr": 0.1}}}""";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JobManagement management;

	@Autowired
	private ClientRuns clientRuns;

	private static Job queued(long id) {
		return new Job(id, "training", "queued", Instant.parse("2025-01-01T00:00:00Z"), null, null,
				new Job.Progress(0, 100, 0, null), null, null, null, 0, null, null);
	}

	@Test
	void whenAJobIsSubmittedThenItIsAcceptedWithItsLocation() throws Exception {
		given(management.submit(any())).willReturn(queued(7));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/v1/jobs/7"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.status").value("queued"));
	}

	@Test
	void whenSeveralFieldsAreWrongThenThe400NamesEachOfThem() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "training", "dataset": "synthetic:moons", "batchSize": 0, "validationFraction": 1.5,
				 "model": {"type": "mlp", "hidden": [0]}, "optimizer": {"type": "adam", "momentum": 0.9},
				 "training": {"iterations": 10, "epochs": 2, "schedule": {"type": "cyclic", "baseLr": 0.1}}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("batchSize", "validationFraction",
					"model.hidden", "optimizer.momentum", "training.iterations", "training.schedule.maxLr")));
	}

	@Test
	void whenAPrecisionIsUnknownOrFloat32IsAskedOfALinearModelThenThe400NamesModelPrecision() throws Exception {
		for (String model : new String[] { "{\"type\": \"mlp\", \"precision\": \"float16\"}",
				"{\"type\": \"logistic\", \"precision\": \"float32\"}" }) {
			mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
					{"type": "range_test", "dataset": "synthetic:moons", "model": %s}""".formatted(model)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("model.precision")));
		}
	}

	@Test
	void whenATrainingJobHasNoTrainingBlockThenThe400SaysItIsRequired() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "training", "dataset": "synthetic:moons", "model": {"type": "logistic"}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("training")));
	}

	@Test
	void whenTheTypeIsUnknownThenThe400NamesType() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "finetune", "dataset": "synthetic:moons", "model": {"type": "logistic"}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("type")));
	}

	@Test
	void whenAnLrSearchHasNoLrSearchBlockOrBadFieldsThenThe400NamesEach() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "lr_search", "dataset": "synthetic:moons", "model": {"type": "logistic"}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("lrSearch")));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "lr_search", "dataset": "synthetic:moons", "model": {"type": "logistic"}, "validationFraction": 0,
				 "rangeTest": {"endLr": -1}, "training": {"iterations": 5, "schedule": {"type": "constant", "lr": 0.1}},
				 "lrSearch": {"iterations": 1000, "family": "step", "rates": 1}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("lrSearch.family", "validationFraction",
					"rangeTest.endLr", "training")));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "lr_search", "dataset": "synthetic:moons", "model": {"type": "logistic"},
				 "lrSearch": {"iterations": 1000, "rates": 1, "eta": 30}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("lrSearch.rates")));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "lr_search", "dataset": "synthetic:moons", "model": {"type": "logistic"}, "lrSearch": {}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("lrSearch.iterations")));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "range_test", "dataset": "synthetic:moons", "model": {"type": "logistic"},
				 "lrSearch": {"iterations": 1000}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("lrSearch")));
	}

	@Test
	void anLrSearchsRecommendationCarriesTheMeasuredRateItsEvidenceAndTheRangeTestsOwnPick() throws Exception {
		Recommendation rangeTest = RangeTestAnalysis.analyze(new double[] { 1e-4, 1e-3, 1e-2, 1e-1, 1, 10 },
				new double[] { 3, 2.9, 2, 1, 2.5, 9 }, AnalysisSettings.of(0.0, 0, 0));
		SearchSummary search = new SearchSummary(0.03, "search", "constant", "last",
				List.of(new Evidence(0.003, 0.9, 99L, 0, 100, true), new Evidence(0.03, 0.4, 299L, 1, 300, false),
						new Evidence(0.3, null, null, 0, 12, true)),
				1306, 6, List.of());
		given(management.recommendationAnswer(5))
			.willReturn(new JobManagement.RecommendationAnswer(SearchRecommendation.of(rangeTest, search), null));
		mvc.perform(get("/api/v1/jobs/5/recommendation"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recommendedLr").value(0.03))
			.andExpect(jsonPath("$.method").value("search"))
			.andExpect(jsonPath("$.rangeTest.recommendedLr").value(rangeTest.recommendedLr()))
			.andExpect(jsonPath("$.rangeTest.method").value(rangeTest.method()))
			.andExpect(jsonPath("$.suggestions.minimum").value(rangeTest.suggestions().minimum()))
			.andExpect(jsonPath("$.warnings").isArray())
			.andExpect(jsonPath("$.evidence[1].lr").value(0.03))
			.andExpect(jsonPath("$.evidence[1].pruned").value(false))
			.andExpect(jsonPath("$.evidence[1].rung").value(1))
			.andExpect(jsonPath("$.evidence[1].iterations").value(300))
			.andExpect(jsonPath("$.evidence[2].validationLoss").value(nullValue()))
			.andExpect(jsonPath("$.iterationsSpent").value(1306))
			.andExpect(jsonPath("$.family").value("constant"));
	}

	@Test
	void whenNoRateOfTheLastRungSurvivedThenTheSearchSaysSoInsteadOfARate() throws Exception {
		Recommendation rangeTest = RangeTestAnalysis.analyze(new double[] { 1e-4, 1e-3, 1e-2, 1e-1, 1, 10 },
				new double[] { 3, 2.9, 2, 1, 2.5, 9 }, AnalysisSettings.of(0.0, 0, 0));
		SearchSummary search = new SearchSummary(null, "search", "constant", "last",
				List.of(new Evidence(0.3, null, null, 1, 40, false)), 500, 6, List.of());
		given(management.recommendationAnswer(6))
			.willReturn(new JobManagement.RecommendationAnswer(SearchRecommendation.of(rangeTest, search), null));
		mvc.perform(get("/api/v1/jobs/6/recommendation"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recommendedLr").value(nullValue()))
			.andExpect(jsonPath("$.warnings[*].code", hasItem("all_diverged")));
	}

	@Test
	void whenARangeTestHasBadBoundsThenThe400NamesThem() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "range_test", "dataset": "synthetic:moons", "model": {"type": "logistic"},
				 "rangeTest": {"startLr": 1, "endLr": 0.1, "mode": "cubic", "repeats": 0}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field",
					containsInAnyOrder("rangeTest.endLr", "rangeTest.mode", "rangeTest.repeats")));
	}

	@Test
	void whenARangeTestsRampCannotBeMadeThenThe400NamesEndLrWithTheCoresMessage() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "range_test", "dataset": "synthetic:moons", "model": {"type": "logistic"},
				 "rangeTest": {"startLr": 1, "endLr": 1.000000000001, "smoothing": 1}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("rangeTest.endLr", "rangeTest.smoothing")))
			.andExpect(jsonPath("$.errors[0].message").value("is too close to startLr for 300 distinct learning rates"))
			.andExpect(jsonPath("$.errors[1].message").value("must be in [0, 1), was 1.0"));
	}

	@Test
	void whenARangeTestIsTooShortOrMeasuresAValidationSplitThatIsEmptyThenThe400NamesBoth() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "range_test", "dataset": "synthetic:moons", "model": {"type": "logistic"},
				 "validationFraction": 0, "rangeTest": {"iterations": 2, "lossSource": "validation"}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("rangeTest.iterations", "rangeTest.lossSource")));
	}

	@Test
	void whenTheBodyHasAnUnknownFieldThenThe400NamesIt() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON)
			.content(VALID.replace("\"type\": \"training\"", "\"type\": \"training\", \"epochz\": 3")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("epochz")));
	}

	@Test
	void whenTheQueueIsFullThenSubmittingAnswers429WithRetryAfter() throws Exception {
		given(management.submit(any())).willThrow(JobProblems.queueFull(10, Duration.ofSeconds(5)));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void whenGettingAnUnknownJobThenTheAnswerIsA404Problem() throws Exception {
		given(management.json(42)).willThrow(JobProblems.notFound(42));
		mvc.perform(get("/api/v1/jobs/42"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("There is no job 42."));
	}

	@Test
	void whenTheIdIsNotANumberThenTheAnswerIsA400() throws Exception {
		mvc.perform(get("/api/v1/jobs/abc"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("id"))
			.andExpect(jsonPath("$.detail").value("id: must be a whole number written in the digits 0-9, without sign, spaces or leading zeros, got 'abc'"));
	}

	@Test
	void whenCancellingAFinishedJobThenTheAnswerIsA409Problem() throws Exception {
		given(management.cancel(3)).willThrow(JobProblems.conflict("Job 3 is succeeded"));
		mvc.perform(post("/api/v1/jobs/3/cancel"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void whenARangeTestHasNotRunThenItsRecommendationIsThe409ProblemAThrownConflictAnswers() throws Exception {
		String detail = "Job 4 is running; its recommendation exists once it has run.";
		given(management.recommendationAnswer(4)).willReturn(JobManagement.RecommendationAnswer.conflict(detail));
		given(management.cancel(4)).willThrow(JobProblems.conflict(detail));
		String polled = mvc.perform(get("/api/v1/jobs/4/recommendation"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.title").value("Conflict with the job's status"))
			.andExpect(jsonPath("$.detail").value(detail))
			.andExpect(jsonPath("$.instance").value("/api/v1/jobs/4/recommendation"))
			.andReturn().getResponse().getContentAsString();
		String thrown = mvc.perform(post("/api/v1/jobs/4/cancel"))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		// the same members as the exception's answer, only the instance differs (another path)
		assertThat(polled.replace("/recommendation", "")).isEqualTo(thrown.replace("/cancel", ""));
	}

	@Test
	void whenDeletingAFinishedJobThenTheAnswerIs204WithoutBody() throws Exception {
		mvc.perform(delete("/api/v1/jobs/3")).andExpect(status().isNoContent()).andExpect(content().string(""));
	}

	@Test
	void whenDeletingARunningJobThenTheAnswerIsA409() throws Exception {
		willThrow(JobProblems.conflict("Job 3 is running")).given(management).delete(3);
		mvc.perform(delete("/api/v1/jobs/3")).andExpect(status().isConflict());
	}

	@Test
	void whenThePageSizeIsTooLargeThenTheAnswerIsA400NamingSize() throws Exception {
		mvc.perform(get("/api/v1/jobs?size=100000"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("size")));
	}

}
