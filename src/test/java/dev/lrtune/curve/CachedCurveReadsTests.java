package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.ServiceOverMockMvc;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast path of a polled downsampled curve: answered from the cache without MVC (no handler) exactly as the
 * controller answers it, measured under the controller's pattern, and left to the controller for every read it does
 * not answer. A read after this instance wrote the curve shows the write.
 */
@ServiceOverMockMvc
class CachedCurveReadsTests {

	private static final String JOB = """
			{"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
			 "seed": 1, "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}""";

	private static final String CURVE = "/api/v1/jobs/{id}/curve";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Curves curves;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private MeterRegistry registry;

	@Test
	void aCachedCurveIsAnsweredWithoutMvcAsTheControllerAnswersItAndMeasuredUnderItsPattern() throws Exception {
		long id = submit();
		write(id, 0, 1000);
		MvcResult miss = mvc.perform(get(CURVE + "?maxPoints=100", id).accept(MediaType.APPLICATION_JSON)).andReturn();
		assertThat(miss.getHandler()).as("loaded by the controller").isNotNull();
		MockHttpServletResponse loaded = miss.getResponse();
		assertThat(loaded.getStatus()).isEqualTo(200);
		double measured = curveReadsMeasured();

		for (String accept : new String[] { null, "application/json", "*/*" }) {
			MvcResult hit = mvc.perform(accept(get(CURVE + "?maxPoints=100", id), accept)).andReturn();
			assertThat(hit.getHandler()).as("answered before MVC, Accept %s", accept).isNull();
			MockHttpServletResponse answer = hit.getResponse();
			assertThat(answer.getStatus()).isEqualTo(200);
			assertThat(answer.getContentType()).isEqualTo(loaded.getContentType()).isEqualTo("application/json");
			assertThat(answer.getContentAsByteArray()).isEqualTo(loaded.getContentAsByteArray());
			assertThat(answer.getContentLength()).isEqualTo(loaded.getContentAsByteArray().length);
			assertThat(answer.getHeaderNames()).containsExactlyInAnyOrderElementsOf(loaded.getHeaderNames());
		}
		assertThat(curveReadsMeasured()).as("measured under the controller's pattern").isEqualTo(measured + 3);
	}

	@Test
	void theControllerAnswersWhatTheFastPathLeavesAndJsonIsItsAnswerToTheAcceptsTheFastPathTakes() throws Exception {
		long id = submit();
		write(id, 0, 1000);
		for (String query : new String[] { "?maxPoints=100", "?maxPoints=100&smoothing=0.5", "?maxPoints=100&from=0" }) {
			mvc.perform(get(CURVE + query, id)).andExpect(status().isOk());
		}
		assertThat(handled(get(CURVE + "?maxPoints=100", id).accept("text/csv")).getResponse().getContentType())
			.startsWith("text/csv");
		assertThat(handled(get(CURVE + "?maxPoints=100&smoothing=0.5", id)).getResponse().getStatus()).isEqualTo(200);
		assertThat(handled(get(CURVE + "?maxPoints=100&from=0", id)).getResponse().getStatus()).isEqualTo(200);
		assertThat(handled(get(CURVE + "?maxPoints=1", id)).getResponse().getStatus()).isEqualTo(400);
		assertThat(handled(get(CURVE, id)).getResponse().getStatus()).as("raw reads are never cached").isEqualTo(200);
		assertThat(handled(get(CURVE + "?maxPoints=100", id + 1_000_000)).getResponse().getStatus()).isEqualTo(404);

		// misses, so the controller chooses: the answers the fast path gives to these Accepts are the controller's
		assertThat(handled(get(CURVE + "?maxPoints=101", id)).getResponse().getContentType()).isEqualTo("application/json");
		assertThat(handled(get(CURVE + "?maxPoints=102", id).accept("*/*")).getResponse().getContentType())
			.isEqualTo("application/json");
	}

	@Test
	void aReadAfterThisInstanceWroteTheCurveShowsTheWrite() throws Exception {
		long id = submit();
		CurveBatchRecorder recorder = recorder();
		write(recorder, id, 0, 1000);
		assertThat(totalPoints(id)).isEqualTo(1000);
		assertThat(totalPoints(id)).as("from the cache").isEqualTo(1000);

		write(recorder, id, 1000, 3000);
		assertThat(totalPoints(id)).isEqualTo(3000);
		MvcResult hit = mvc.perform(get(CURVE + "?maxPoints=100", id)).andReturn();
		assertThat(hit.getHandler()).isNull();
		assertThat(JSON.readTree(hit.getResponse().getContentAsString()).get("totalPoints").asLong()).isEqualTo(3000);
	}

	@Test
	void onlyAPlainIdAndMaxPointsAlone() {
		assertThat(CachedCurveReads.id("/api/v1/jobs/42/curve", CachedCurveReads.PREFIX, CachedCurveReads.SUFFIX))
			.isEqualTo(42);
		assertThat(CachedCurveReads.id("/api/v1/jobs/42", CachedCurveReads.PREFIX, CachedCurveReads.SUFFIX)).isEqualTo(-1);
		assertThat(CachedCurveReads.id("/api/v1/jobs//curve", CachedCurveReads.PREFIX, CachedCurveReads.SUFFIX))
			.isEqualTo(-1);
		assertThat(CachedCurveReads.id("/api/v1/jobs/4x/curve", CachedCurveReads.PREFIX, CachedCurveReads.SUFFIX))
			.isEqualTo(-1);
		assertThat(CachedCurveReads.id("/api/v1/jobs/42/curve/stream", CachedCurveReads.PREFIX, CachedCurveReads.SUFFIX))
			.isEqualTo(-1);
		assertThat(CachedCurveReads.maxPoints("maxPoints=500")).isEqualTo(500);
		assertThat(CachedCurveReads.maxPoints("maxPoints=0500")).isEqualTo(500);
		assertThat(CachedCurveReads.maxPoints(null)).isEqualTo(-1);
		assertThat(CachedCurveReads.maxPoints("maxPoints=")).isEqualTo(-1);
		assertThat(CachedCurveReads.maxPoints("maxPoints=-5")).isEqualTo(-1);
		assertThat(CachedCurveReads.maxPoints("maxPoints=5&smoothing=0.5")).isEqualTo(-1);
		assertThat(CachedCurveReads.maxPoints("smoothing=0.5&maxPoints=5")).isEqualTo(-1);
		assertThat(CachedCurveReads.maxPoints("maxPoints=1234567890")).as("10 digits").isEqualTo(-1);
	}

	private MvcResult handled(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getHandler()).as("answered by the controller").isNotNull();
		return result;
	}

	private long totalPoints(long id) throws Exception {
		String json = mvc.perform(get(CURVE + "?maxPoints=100", id))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(json).get("totalPoints").asLong();
	}

	private double curveReadsMeasured() {
		return registry.find("http.server.requests")
			.tag("uri", CachedCurveReads.PATTERN)
			.timers()
			.stream()
			.mapToLong(timer -> timer.count())
			.sum();
	}

	private static MockHttpServletRequestBuilder accept(MockHttpServletRequestBuilder request, String accept) {
		return accept == null ? request : request.header("Accept", accept);
	}

	private long submit() throws Exception {
		String json = mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(JOB))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(json).get("id").asLong();
	}

	/** Stores iterations {@code from…to−1} as a worker's flush does, in a transaction. */
	private void write(long id, long from, long to) {
		write(recorder(), id, from, to);
	}

	private static CurveBatchRecorder recorder() {
		return new CurveBatchRecorder(batch -> true, false, new CurveSettings(100_000, Duration.ofHours(1), 1 << 20));
	}

	/** Records iterations {@code from…to−1} on a worker's recorder and stores them as its flush does. */
	private void write(CurveBatchRecorder recorder, long id, long from, long to) {
		for (long k = from; k < to; k++) {
			recorder.onIteration(k, 0.1, Double.NaN, 1.0 / (k + 1));
		}
		transactions.executeWithoutResult(tx -> curves.write(id, recorder.drain()));
	}

}
