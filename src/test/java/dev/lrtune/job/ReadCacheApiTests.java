package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.ServiceOverMockMvc;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.curve.Curves;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read cache through the API, with a ttl far longer than the test so that what it shows does not depend on
 * timing: a change written straight into the database (as another instance would) is not seen until the ttl, while
 * every write this instance makes through its own code is seen by the next read.
 */
@ServiceOverMockMvc
class ReadCacheApiTests {

	private static final String JOB = """
			{"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
			 "seed": 1, "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Curves curves;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private MeterRegistry registry;

	@Test
	void aJobIsServedFromMemoryUntilThisInstanceWritesItAndTheAnswerIsWhatTheApiWroteBefore() throws Exception {
		JsonNode submitted = read(mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(JOB))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString());
		long id = submitted.get("id").asLong();
		JsonNode first = job(id);
		assertThat(first).as("the same JSON as Jackson wrote for the submission").isEqualTo(submitted);

		jdbc.update("UPDATE jobs SET total_iterations = 12345 WHERE id = ?", id); // another instance's write
		assertThat(job(id).get("progress").get("totalIterations").asLong()).as("within the ttl").isEqualTo(10);

		mvc.perform(post("/api/v1/jobs/{id}/cancel", id)).andExpect(status().isOk());
		JsonNode cancelled = job(id);
		assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
		assertThat(cancelled.get("progress").get("totalIterations").asLong()).isEqualTo(12345);
		MvcResult fast = mvc.perform(get("/api/v1/jobs/{id}", id)).andReturn();
		assertThat(fast.getHandler()).as("the new view, from memory").isNull();
		assertThat(read(fast.getResponse().getContentAsString())).isEqualTo(cancelled);
	}

	@Test
	void aCachedJobIsAnsweredWithoutMvcAsTheControllerAnswersItAndMeasuredUnderItsPattern() throws Exception {
		long id = submit();
		MockHttpServletResponse miss = mvc.perform(get("/api/v1/jobs/{id}", id)).andReturn().getResponse();
		MvcResult fast = mvc.perform(get("/api/v1/jobs/{id}", id).accept(MediaType.APPLICATION_JSON)).andReturn();
		assertThat(fast.getHandler()).as("answered before MVC").isNull();
		MockHttpServletResponse hit = fast.getResponse();
		assertThat(hit.getStatus()).isEqualTo(200);
		assertThat(hit.getContentType()).isEqualTo(miss.getContentType()).isEqualTo("application/json");
		assertThat(hit.getContentAsByteArray()).isEqualTo(miss.getContentAsByteArray());
		assertThat(hit.getContentLength()).isEqualTo(miss.getContentAsByteArray().length);
		assertThat(registry.get("http.server.requests").tag("uri", "/api/v1/jobs/{id}").timers())
			.as("both reads measured under the path pattern")
			.anySatisfy(timer -> assertThat(timer.count()).isGreaterThanOrEqualTo(2));

		mvc.perform(get("/api/v1/jobs/{id}", id).accept("text/csv")).andExpect(status().isNotAcceptable());
		mvc.perform(get("/api/v1/jobs/0{id}", id)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/jobs/{id}x", id)).andExpect(status().isBadRequest());
	}

	@Test
	void hitsAndMissesOfTheJobViewsAreCountedForPrometheus() throws Exception {
		long id = submit();
		double hits = jobViewGets("hit");
		double misses = jobViewGets("miss");

		job(id); // loaded: the submission did not cache the uncommitted row
		job(id); // from memory, on the fast path
		job(id);

		assertThat(jobViewGets("miss")).isEqualTo(misses + 1);
		assertThat(jobViewGets("hit")).isEqualTo(hits + 2);
	}

	private double jobViewGets(String result) {
		return registry.get("cache.gets").tag("cache", "job-views").tag("result", result).functionCounter().count();
	}

	@Test
	void onlyAPlainNumericIdUnderTheJobsPathTakesTheFastPath() {
		assertThat(CachedJobReads.id("/api/v1/jobs/42")).isEqualTo(42);
		assertThat(CachedJobReads.id("/api/v1/jobs/007")).isEqualTo(7);
		assertThat(CachedJobReads.id("/api/v1/jobs/")).isEqualTo(-1);
		assertThat(CachedJobReads.id("/api/v1/jobs/42/curve")).isEqualTo(-1);
		assertThat(CachedJobReads.id("/api/v1/jobs/42;x=1")).isEqualTo(-1);
		assertThat(CachedJobReads.id("/api/v1/jobs/-1")).isEqualTo(-1);
		assertThat(CachedJobReads.id("/api/v1/jobs/1234567890123456789")).as("19 digits").isEqualTo(-1);
		assertThat(CachedJobReads.id("/api/v1/jobs")).isEqualTo(-1);
	}

	@Test
	void aDownsampledCurveIsServedFromMemoryUntilThisInstanceWritesItAndARawOneNeverIs() throws Exception {
		long id = submit();
		write(id, 0, 1000);
		assertThat(curve(id, "?maxPoints=100").get("totalPoints").asLong()).isEqualTo(1000);

		jdbc.update("DELETE FROM curve_chunks WHERE job_id = ?", id); // another instance's write
		assertThat(curve(id, "?maxPoints=100").get("totalPoints").asLong()).as("within the ttl").isEqualTo(1000);
		assertThat(curve(id, "").get("totalPoints").asLong()).as("raw reads are not cached").isZero();

		write(id, 0, 3000);
		assertThat(curve(id, "?maxPoints=100").get("totalPoints").asLong()).isEqualTo(3000);
	}

	@Test
	void aDeletedJobAndItsCurveAreGoneAtOnce() throws Exception {
		long id = submit();
		write(id, 0, 500);
		mvc.perform(post("/api/v1/jobs/{id}/cancel", id)).andExpect(status().isOk());
		job(id);
		curve(id, "?maxPoints=100");

		mvc.perform(delete("/api/v1/jobs/{id}", id)).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/jobs/{id}", id)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/jobs/{id}/curve?maxPoints=100", id)).andExpect(status().isNotFound());
	}

	private long submit() throws Exception {
		return read(mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(JOB))
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asLong();
	}

	/** Stores iterations {@code from…to−1} as a worker's flush does, in a transaction. */
	private void write(long id, long from, long to) {
		CurveBatchRecorder recorder = new CurveBatchRecorder(batch -> true, false,
				new CurveSettings(100_000, Duration.ofHours(1), 1 << 20));
		for (long k = from; k < to; k++) {
			recorder.onIteration(k, 0.1, Double.NaN, 1.0 / (k + 1));
		}
		transactions.executeWithoutResult(tx -> curves.write(id, recorder.drain()));
	}

	private JsonNode job(long id) throws Exception {
		return read(mvc.perform(get("/api/v1/jobs/{id}", id))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private JsonNode curve(long id, String query) throws Exception {
		return read(mvc.perform(get("/api/v1/jobs/{id}/curve" + query, id))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private static JsonNode read(String json) {
		return JSON.readTree(json);
	}

}
