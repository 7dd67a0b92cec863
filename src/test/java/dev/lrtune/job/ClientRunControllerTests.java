package dev.lrtune.job;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.lrtune.ApiSlice;

/** The HTTP contract of client-run jobs: creation, and posts refused before anything reaches the store. */
@ApiSlice
class ClientRunControllerTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JobManagement management;

	@Autowired
	private ClientRuns clientRuns;

	@Test
	void whenAClientRunIsCreatedThenItIsCreatedWithItsLocation() throws Exception {
		given(clientRuns.create(any())).willReturn(new Job(7, "range_test", "running", Instant.EPOCH, Instant.EPOCH, null,
				new Job.Progress(0, 3, 0, null), null, null, null, 1, "client", null, "client", "find", Map.of(), null,
				List.of(1e-3, 1e-2, 1e-1)));
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "range_test", "runner": "client", "name": "find",
				 "rangeTest": {"startLr": 1e-3, "endLr": 0.1, "iterations": 3}}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/jobs/7"))
			.andExpect(jsonPath("$.runner").value("client"))
			.andExpect(jsonPath("$.lrPlan.length()").value(3));
		then(management).should(never()).submit(any());
	}

	@Test
	void whenAClientRunNamesLrtunesModelOrDataThenThe400NamesEachRefusedField() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "range_test", "runner": "client", "dataset": "synthetic:moons", "model": {"type": "logistic"},
				 "optimizer": {"type": "adam"}, "batchSize": 32, "validationFraction": 0.1, "seed": 3,
				 "rangeTest": {"repeats": 3, "lossSource": "validation"}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("dataset", "model", "optimizer", "batchSize",
					"validationFraction", "seed", "rangeTest.repeats", "rangeTest.lossSource")))
			.andExpect(jsonPath("$.errors[0].message", containsString("client-run")));
		then(clientRuns).shouldHaveNoInteractions();
	}

	@Test
	void whenAClientRunIsAnLrSearchOrScalesTheTargetThenThe400NamesIt() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "lr_search", "runner": "client", "standardizeTarget": false}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("type", "standardizeTarget")));
		then(clientRuns).shouldHaveNoInteractions();
	}

	@Test
	void whenAClientTrainingCountsEpochsThenThe400SaysIterations() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "training", "runner": "client", "training": {"epochs": 3,
				 "schedule": {"type": "step", "lr": 0.1, "stepSize": 1, "interval": "epoch"}}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("training.epochs", "training.schedule.interval")));
	}

	@Test
	void whenTheRunnerOrATagIsUnknownThenThe400NamesThem() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "training", "runner": "gpu", "tags": {"a:b": "c"},
				 "training": {"iterations": 3, "schedule": {"type": "constant", "lr": 0.1}}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("runner", "tags")));
	}

	@Test
	void whenAServerJobHasNoDatasetOrModelThenThe400NamesBoth() throws Exception {
		mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "training", "training": {"iterations": 3, "schedule": {"type": "constant", "lr": 0.1}}}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("dataset", "model")));
	}

	@Test
	void whenPointsAreWellFormedThenTheAnswerComesFromTheService() throws Exception {
		given(clientRuns.post(eq(5L), any())).willReturn(new PointsAnswer(false, null, 0.01, 2));
		points("""
				{"iteration": [0, 1, 2], "lr": [0.1, 0.1, 0.1], "loss": [1.0, 0.9, null], "momentum": [0.9, 0.9, 0.9],
				 "validation": {"iteration": [2], "loss": [0.95], "accuracy": [0.5]}}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stop").value(false))
			.andExpect(jsonPath("$.reason").doesNotExist())
			.andExpect(jsonPath("$.lr").value(0.01))
			.andExpect(jsonPath("$.iteration").value(2));
	}

	@Test
	void whenALossIsTheStringNaNThenThe400NamesItAndNothingIsStored() throws Exception {
		refused("{\"iteration\": [0, 1], \"lr\": [0.1, 0.1], \"loss\": [1.0, \"NaN\"]}", "loss[1]");
		refused("{\"iteration\": [0], \"lr\": [\"0.1\"], \"loss\": [1.0]}", "lr[0]");
		refused("{\"iteration\": [\"0\"], \"lr\": [0.1], \"loss\": [1.0]}", "iteration[0]");
		refused("{\"iteration\": [0.5], \"lr\": [0.1], \"loss\": [1.0]}", "iteration[0]");
		refused("{\"iteration\": [0], \"lr\": [0.1], \"loss\": [NaN]}", "loss[0]");
	}

	@Test
	void whenArraysDisagreeInLengthThenThe400NamesTheShortOne() throws Exception {
		refused("{\"iteration\": [0, 1], \"lr\": [0.1, 0.1], \"loss\": [1.0]}", "loss");
		refused("{\"iteration\": [0, 1], \"lr\": [0.1, 0.1], \"loss\": [1.0, 1.0], \"momentum\": [0.9]}", "momentum");
		refused("{\"iteration\": [0], \"lr\": [0.1], \"loss\": [1.0], \"validation\": {\"iteration\": [0], \"loss\": []}}",
				"validation.loss");
	}

	@Test
	void whenIterationsDoNotAscendOneByOneThenThe400NamesTheFirstThatBreaksIt() throws Exception {
		refused("{\"iteration\": [0, 2], \"lr\": [0.1, 0.1], \"loss\": [1.0, 1.0]}", "iteration[1]");
		refused("{\"iteration\": [1, 0], \"lr\": [0.1, 0.1], \"loss\": [1.0, 1.0]}", "iteration[1]");
		refused("{\"iteration\": [-1], \"lr\": [0.1], \"loss\": [1.0]}", "iteration[0]");
		refused("{\"iteration\": [0, 1], \"lr\": [0.1, 0.1], \"loss\": [1.0, 1.0], "
				+ "\"validation\": {\"iteration\": [1, 1], \"loss\": [1.0, 1.0]}}", "validation.iteration[1]");
	}

	@Test
	void whenALearningRateIsMissingNegativeOrHugeThenThe400NamesIt() throws Exception {
		refused("{\"iteration\": [0], \"lr\": [null], \"loss\": [1.0]}", "lr[0]");
		refused("{\"iteration\": [0], \"lr\": [-1e-3], \"loss\": [1.0]}", "lr[0]");
		refused("{\"iteration\": [0], \"lr\": [1e400], \"loss\": [1.0]}", "lr[0]");
	}

	@Test
	void whenAPostCarriesMoreThanTheMostPointsThenThe400SaysHowMany() throws Exception {
		points("{\"iteration\": [0, 1, 2], \"lr\": [0.1, 0.1, 0.1], \"loss\": [1, 1, 1], "
				+ "\"validation\": {\"iteration\": [0, 2], \"loss\": [1, 1]}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("at most " + ApiSlice.MAX_POINTS_PER_POST + " points")))
			.andExpect(jsonPath("$.detail", containsString("lrtune.client-runs.max-points-per-post")));
		then(clientRuns).should(never()).post(anyLong(), any());
	}

	@Test
	void whenARequiredArrayIsMissingThenThe400NamesIt() throws Exception {
		refused("{\"iteration\": [0], \"loss\": [1.0]}", "lr");
	}

	@Test
	void whenAFinishNamesAnotherStatusThenTheServiceDecides() throws Exception {
		given(clientRuns.finish(eq(5L), any())).willThrow(new dev.lrtune.web.InvalidRequestException("status",
				"must be succeeded or failed, got 'paused'"));
		mvc.perform(post("/api/v1/jobs/5/finish").contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"paused\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
	}

	private ResultActions points(String body) throws Exception {
		return mvc.perform(post("/api/v1/jobs/5/points").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private void refused(String body, String field) throws Exception {
		points(body).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field));
		then(clientRuns).should(never()).post(anyLong(), any());
	}

}
