package dev.lrtune.study;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.job.ModelRequest;
import dev.lrtune.schedule.ConstantSpec;
import dev.lrtune.ApiSlice;

@ApiSlice
class StudyControllerTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private StudyManagement management;

	private static Study running(long id) {
		StudyRequest request = new StudyRequest("synthetic:moons", new ModelRequest("logistic", null, null, null), null, 32, 5L,
				0.2, true, 900L, 9, null, new StrategyRequest("successive_halving", 3, 100L), "best", null, null, null, null,
				null);
		return new Study(id, "running", Instant.parse("2026-01-01T00:00:00Z"), null, request, "best", "server", 12L, -1,
				List.of(100L, 300L, 900L), List.of(), null, null);
	}

	@Test
	void whenAStudyIsSubmittedThenItIsAcceptedWithItsLocation() throws Exception {
		given(management.submit(any())).willReturn(running(4));
		mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(StudyExamples.GENERATED))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/v1/studies/4"))
			.andExpect(jsonPath("$.status").value("running"))
			.andExpect(jsonPath("$.rangeTestJobId").value(12))
			.andExpect(jsonPath("$.rung").value(-1))
			.andExpect(jsonPath("$.rungs[2]").value(900))
			.andExpect(jsonPath("$.request.strategy.eta").value(3))
			.andExpect(jsonPath("$.objective").value("best"))
			.andExpect(jsonPath("$.request.objective").value("best"));
	}

	@Test
	void whenSeveralFieldsAreWrongThenThe400NamesEachOfThem() throws Exception {
		mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content("""
				{"dataset": "", "model": {"type": "logistic"}, "batchSize": 0, "validationFraction": 0,
				 "candidates": [{"type": "cyclic", "baseLr": 0.1}, null],
				 "strategy": {"type": "hyperband", "eta": 1, "minIterations": 0}, "objective": "mean"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("dataset", "batchSize", "validationFraction",
					"iterations", "candidates[0].maxLr", "candidates[1]", "strategy.type", "strategy.eta",
					"strategy.minIterations", "objective")));
	}

	@Test
	void whenThereAreNoCandidatesOrTooManyThenThe400SaysHowMany() throws Exception {
		String many = "[" + String.join(",", java.util.Collections.nCopies(33, "{\"type\": \"constant\", \"lr\": 0.1}"))
				+ "]";
		for (String candidates : List.of("[]", many)) {
			mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content("""
					{"dataset": "synthetic:moons", "model": {"type": "logistic"}, "iterations": 100, "candidates": %s}"""
				.formatted(candidates)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("candidates")));
		}
	}

	@Test
	void whenAFieldIsUnknownThenThe400NamesIt() throws Exception {
		mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content("""
				{"dataset": "synthetic:moons", "model": {"type": "logistic"}, "iterations": 100, "budget": 5}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("budget")));
	}

	@Test
	void whenAClientRunStudyIsSubmittedThenItIsCreated() throws Exception {
		given(management.submit(any())).willReturn(running(5));
		mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(StudyExamples.CLIENT))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/studies/5"));
	}

	@Test
	void whenAClientRunStudyNamesLrtunesOwnTrainingThenThe400NamesEachField() throws Exception {
		mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content("""
				{"runner": "client", "iterations": 100, "dataset": "synthetic:moons", "seed": 3, "optimizer": {"type": "sgd"},
				 "validationFraction": 0.1, "standardizeTarget": true, "rangeTest": {"iterations": 50},
				 "candidates": [{"type": "constant", "lr": 0.1}], "rangeTestJobId": 4, "name": " "}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("dataset", "seed", "optimizer",
					"validationFraction", "standardizeTarget", "rangeTest", "rangeTestJobId", "name")));
	}

	@Test
	void whenATrialIsFreeThenTheAskAnswersItWithItsJobsLocation() throws Exception {
		ConstantSpec schedule = new ConstantSpec(0.1, null);
		given(management.ask(3)).willReturn(Optional.of(new StudyTrial(17, 3, 0, "client", schedule, 900,
				List.of(100L, 300L), null)));
		mvc.perform(post("/api/v1/studies/3/ask"))
			.andExpect(status().isOk())
			.andExpect(header().string("Location", "/api/v1/jobs/17"))
			.andExpect(jsonPath("$.jobId").value(17))
			.andExpect(jsonPath("$.rungs[1]").value(300))
			.andExpect(jsonPath("$.schedule.type").value("constant"));
	}

	@Test
	void whenEveryTrialIsInFlightThenTheAskAnswers204WithRetryAfter() throws Exception {
		given(management.ask(3)).willReturn(Optional.empty());
		mvc.perform(post("/api/v1/studies/3/ask"))
			.andExpect(status().isNoContent())
			.andExpect(header().string("Retry-After", "10"))
			.andExpect(content().string(""));
	}

	@Test
	void whenTheStudyDoesNotExistThenA404ProblemSaysSo() throws Exception {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no study 9.");
		given(management.get(9)).willThrow(new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null));
		mvc.perform(get("/api/v1/studies/9"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("There is no study 9."));
	}

	@Test
	void whenThePageSizeIsOutOfRangeThenThe400NamesIt() throws Exception {
		mvc.perform(get("/api/v1/studies?size=0")).andExpect(status().isBadRequest());
		given(management.list(0, 20)).willReturn(new StudyPage(List.of(running(1)), 0, 20, 1, 1));
		mvc.perform(get("/api/v1/studies"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(1))
			.andExpect(jsonPath("$.totalItems").value(1));
	}

	@Test
	void theSchedulesOfTheRequestAreEchoedWithTheirType() throws Exception {
		Study study = running(2);
		StudyRequest request = study.request();
		StudyRequest withCandidates = new StudyRequest(request.dataset(), request.model(), null, 32, 5L, 0.2, true, 900L, 9,
				List.of(new ConstantSpec(0.1, null)), request.strategy(), "last", null, null, null, null, null);
		given(management.get(2)).willReturn(new Study(2, "running", study.createdAt(), null, withCandidates, "last",
				"server", null, 0,
				study.rungs(), List.of(), null, null));
		mvc.perform(get("/api/v1/studies/2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.request.candidates[0].type").value("constant"))
			.andExpect(jsonPath("$.request.candidates[0].lr").value(0.1));
	}

}
