package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.lrtune.ApiSlice;
import dev.lrtune.core.rangetest.AnalysisSettings;
import dev.lrtune.core.rangetest.RangeTestAnalysis;
import dev.lrtune.core.rangetest.Recommendation;

/**
 * {@code ?wait=} on {@code GET /jobs/{id}} and its recommendation, over the mocked job service: the bounds, the
 * answers given at once, and each way a waiting request is answered (the job's end told by an event, by a cancel here,
 * found by the periodic check, and the wait's end). A wait that should be ended by something else is given the
 * longest wait allowed, and its answer awaited for far less: it comes from that something or the test fails.
 */
@ApiSlice
class JobWaitTests {

	/** How long a test awaits an answer that something other than the wait's end must bring. */
	private static final long ANSWER_EXPECTED_WITHIN_MILLIS = 20_000;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JobManagement management;

	@Autowired
	private JobWaits waits;

	@Autowired
	private ApplicationEventPublisher events;

	/** The statuses the periodic check reads, by job id; a job absent here does not exist. */
	private final Map<Long, JobStatus> stored = new HashMap<>();

	@AfterEach
	void noRequestIsLeftWaiting() {
		waits.stop();
		waits.start();
		assertThat(waits.waiting()).isZero();
	}

	private static Job job(long id, String type, String status) {
		return new Job(id, type, status, Instant.parse("2026-12-07T00:00:00Z"), null, null,
				new Job.Progress(0, 300, 0, null), null, null, null, 0, null, null);
	}

	/** Job {@code id} as the service reads it now: its view and its stored status. */
	private void now(long id, String type, JobStatus status) {
		view(id, type, status);
		stored.put(id, status);
	}

	/**
	 * Job {@code id}'s view, its stored status left as it was: as this instance sees its own write before the periodic
	 * check could, so that only what this instance is told can answer the waits.
	 */
	private void view(long id, String type, JobStatus status) {
		Job job = job(id, type, status.jsonName());
		byte[] json = ("{\"id\":" + id + ",\"status\":\"" + status.jsonName() + "\"}").getBytes(StandardCharsets.UTF_8);
		given(management.jobView(id)).willReturn(new JobViews.View(job, json));
	}

	@BeforeEach
	void statusesAreReadFromStored() {
		given(management.statuses(any())).willAnswer(call -> {
			Map<Long, JobStatus> found = new HashMap<>();
			for (Long wanted : call.<Collection<Long>>getArgument(0)) {
				if (stored.containsKey(wanted)) {
					found.put(wanted, stored.get(wanted));
				}
			}
			return found;
		});
	}

	@Test
	void aWaitThatIsNotMoreThan0AndAtMostTheMaximumIsA400NamingWait() throws Exception {
		now(1, "range_test", JobStatus.RUNNING);
		for (String wait : new String[] { "0", "-1", "-0", "60.5", "1e9", "NaN", "Infinity" }) {
			for (String path : new String[] { "/api/v1/jobs/1", "/api/v1/jobs/1/recommendation" }) {
				mvc.perform(get(path).param("wait", wait))
					.andExpect(request().asyncNotStarted())
					.andExpect(status().isBadRequest())
					.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.errors[0].field").value("wait"))
					.andExpect(jsonPath("$.errors[0].message").value(wait.startsWith("-") || wait.equals("0") || wait.equals("NaN")
							? org.hamcrest.Matchers.equalTo("must be greater than 0")
							: org.hamcrest.Matchers.startsWith("must be more than 0 and at most 60 seconds "
									+ "(lrtune.jobs.max-wait), got ")));
			}
		}
		mvc.perform(get("/api/v1/jobs/1").param("wait", "soon"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("wait"));
	}

	@Test
	void anUnknownJobIsA404AtOnce() throws Exception {
		given(management.jobView(42)).willThrow(JobProblems.notFound(42));
		given(management.recommendationAnswer(42)).willThrow(JobProblems.notFound(42));
		for (String path : new String[] { "/api/v1/jobs/42", "/api/v1/jobs/42/recommendation" }) {
			mvc.perform(get(path).param("wait", "60"))
				.andExpect(request().asyncNotStarted())
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.detail").value("There is no job 42."));
		}
	}

	@Test
	void aJobThatHasEndedIsAnsweredAtOnceAsWithoutWait() throws Exception {
		now(2, "range_test", JobStatus.FAILED);
		mvc.perform(get("/api/v1/jobs/2").param("wait", "60"))
			.andExpect(request().asyncNotStarted())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("failed"));
		given(management.recommendationAnswer(2)).willReturn(JobManagement.RecommendationAnswer
			.conflict("Job 2 is failed; its recommendation exists once it has run.", true));
		mvc.perform(get("/api/v1/jobs/2/recommendation").param("wait", "60"))
			.andExpect(request().asyncNotStarted())
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("Job 2 is failed; its recommendation exists once it has run."));
	}

	@Test
	void aTrainingJobsRecommendationIsIts409AtOnceSinceItNeverChanges() throws Exception {
		now(3, "training", JobStatus.RUNNING);
		given(management.recommendationAnswer(3)).willReturn(JobManagement.RecommendationAnswer
			.conflict("Job 3 is a training job; recommendations come from range_test and lr_search jobs.", true));
		mvc.perform(get("/api/v1/jobs/3/recommendation").param("wait", "60"))
			.andExpect(request().asyncNotStarted())
			.andExpect(status().isConflict());
	}

	@Test
	void aWaitingRequestIsAnsweredWhenThisInstanceSaysTheJobFinished() throws Exception {
		now(4, "range_test", JobStatus.RUNNING);
		Recommendation recommendation = recommendation();
		given(management.recommendationAnswer(4)).willReturn(
				JobManagement.RecommendationAnswer.conflict("Job 4 is running; its recommendation exists once it has run."));
		MvcResult job = started(get("/api/v1/jobs/4").param("wait", "60"));
		MvcResult recommended = started(get("/api/v1/jobs/4/recommendation").param("wait", "60"));
		assertThat(waits.waiting()).isEqualTo(2);

		view(4, "range_test", JobStatus.SUCCEEDED);
		given(management.recommendationAnswer(4))
			.willReturn(new JobManagement.RecommendationAnswer(recommendation, null));
		events.publishEvent(new JobFinished(4, "succeeded", null));

		answered(job).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("succeeded"));
		answered(recommended).andExpect(status().isOk())
			.andExpect(jsonPath("$.recommendedLr").value(recommendation.recommendedLr()));
		verify(management, never()).forgetView(4); // not the periodic check
	}

	@Test
	void aWaitingRequestIsAnsweredWhenTheJobIsCancelledHere() throws Exception {
		now(5, "training", JobStatus.QUEUED);
		MvcResult job = started(get("/api/v1/jobs/5").param("wait", "60"));

		view(5, "training", JobStatus.CANCELLED);
		given(management.cancel(5)).willReturn(job(5, "training", "cancelled"));
		mvc.perform(post("/api/v1/jobs/5/cancel")).andExpect(status().isOk());

		answered(job).andExpect(jsonPath("$.status").value("cancelled"));
		verify(management, never()).forgetView(5);
	}

	@Test
	void aJobThatEndedWithoutAnEventIsFoundByThePeriodicCheckAndReadAfresh() throws Exception {
		now(6, "range_test", JobStatus.RUNNING);
		MvcResult job = started(get("/api/v1/jobs/6").param("wait", "60"));

		now(6, "range_test", JobStatus.DIVERGED); // another instance's worker, or a lease that ran out

		answered(job).andExpect(jsonPath("$.status").value("diverged"));
		verify(management).forgetView(6);
	}

	@Test
	void aJobDeletedWhileWaitedForIsA404() throws Exception {
		now(7, "range_test", JobStatus.QUEUED);
		MvcResult job = started(get("/api/v1/jobs/7").param("wait", "60"));

		given(management.jobView(7)).willThrow(JobProblems.notFound(7));
		stored.remove(7L);

		answered(job).andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("There is no job 7."));
	}

	@Test
	void whenTheWaitEndsFirstTheAnswerIsTheJobAsItIsThen() throws Exception {
		now(8, "lr_search", JobStatus.RUNNING);
		String detail = "Job 8 is running; its recommendation exists once the search has succeeded.";
		given(management.recommendationAnswer(8)).willReturn(JobManagement.RecommendationAnswer.conflict(detail));
		MvcResult job = started(get("/api/v1/jobs/8").param("wait", "0.05"));
		MvcResult recommended = started(get("/api/v1/jobs/8/recommendation").param("wait", "0.05"));

		answered(job).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("running"));
		answered(recommended).andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(detail))
			.andExpect(jsonPath("$.instance").value("/api/v1/jobs/8/recommendation"));
		verify(management, never()).forgetView(8);
	}

	@Test
	void stoppingTheServiceAnswersEveryWaitingRequestWithTheJobAsItIs() throws Exception {
		now(9, "training", JobStatus.RUNNING);
		MvcResult job = started(get("/api/v1/jobs/9").param("wait", "60"));

		waits.stop();
		answered(job).andExpect(jsonPath("$.status").value("running"));
		mvc.perform(get("/api/v1/jobs/9").param("wait", "60"))
			.andExpect(request().asyncNotStarted())
			.andExpect(jsonPath("$.status").value("running"));
		waits.start();
	}

	private MvcResult started(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
	}

	private org.springframework.test.web.servlet.ResultActions answered(MvcResult waiting) throws Exception {
		waiting.getAsyncResult(ANSWER_EXPECTED_WITHIN_MILLIS);
		return mvc.perform(asyncDispatch(waiting));
	}

	private static Recommendation recommendation() {
		return RangeTestAnalysis.analyze(new double[] { 1e-4, 1e-3, 1e-2, 1e-1, 1, 10 },
				new double[] { 3, 2.9, 2, 1, 2.5, 9 }, AnalysisSettings.of(0.0, 0, 0));
	}

}
