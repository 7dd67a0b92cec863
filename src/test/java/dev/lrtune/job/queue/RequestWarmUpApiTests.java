package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.lrtune.ServiceOverMockMvc;
import dev.lrtune.web.WarmUpRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The start-up warm-up's requests against the whole service: each is refused with a 400, writes no job, reads no job
 * view (the cache's meters do not move) and, carrying this instance's mark, is not measured by
 * {@code http.server.requests}; the same requests without the mark are measured as any other.
 */
@ServiceOverMockMvc
class RequestWarmUpApiTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private WarmUpRequests marker;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry registry;

	@Test
	void everyRequestIsRefusedWritesNothingReadsNoJobViewAndIsNotMeasured() throws Exception {
		long jobs = jobRows();
		double viewGets = jobViewGets();
		long measured = measuredRequests();

		for (RequestWarmUp.Request sent : RequestWarmUp.ROUND) {
			MockHttpServletResponse answer = mvc.perform(of(sent).header(WarmUpRequests.HEADER, marker.token()))
				.andReturn()
				.getResponse();
			assertThat(answer.getStatus()).as(sent.method() + " " + sent.path()).isEqualTo(400);
		}

		assertThat(jobRows()).as("jobs stored").isEqualTo(jobs);
		assertThat(jobViewGets()).as("job views read").isEqualTo(viewGets);
		assertThat(measuredRequests()).as("http.server.requests").isEqualTo(measured);
	}

	@Test
	void withoutTheMarkOrWithAnotherTokenTheSameRequestsAreMeasured() throws Exception {
		long measured = measuredRequests();

		for (RequestWarmUp.Request sent : RequestWarmUp.ROUND) {
			mvc.perform(of(sent));
			mvc.perform(of(sent).header(WarmUpRequests.HEADER, "0".repeat(marker.token().length())));
		}

		assertThat(measuredRequests()).isEqualTo(measured + 2L * RequestWarmUp.ROUND.size());
	}

	private static MockHttpServletRequestBuilder of(RequestWarmUp.Request sent) {
		MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(sent.method()), sent.path())
			.accept(MediaType.APPLICATION_JSON);
		return sent.body() == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(sent.body());
	}

	private long jobRows() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM jobs", Long.class);
	}

	private double jobViewGets() {
		return registry.find("cache.gets").tag("cache", "job-views").functionCounters().stream()
			.mapToDouble(counter -> counter.count())
			.sum();
	}

	private long measuredRequests() {
		return registry.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
	}

}
