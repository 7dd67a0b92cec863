package dev.lrtune.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.micrometer.observation.Observation;

/** Only a request carrying this instance's own token is left out of the server's request observation. */
class WarmUpRequestsTests {

	private final WarmUpRequests marker = new WarmUpRequests();

	@Test
	void aRequestWithThisInstancesTokenIsNotObserved() {
		assertThat(marker.test("http.server.requests", context(marker.token()))).isFalse();
	}

	@Test
	void everyOtherRequestIsObserved() {
		String other = new WarmUpRequests().token();

		assertThat(other).isNotEqualTo(marker.token()).hasSize(32);
		assertThat(marker.test("http.server.requests", context(null))).isTrue();
		assertThat(marker.test("http.server.requests", context(other))).isTrue();
		assertThat(marker.test("http.server.requests", context(""))).isTrue();
		assertThat(marker.test("http.server.requests", context(marker.token() + "0"))).isTrue();
		assertThat(marker.test("other", new Observation.Context())).isTrue();
	}

	private static ServerRequestObservationContext context(String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/jobs/0");
		if (token != null) {
			request.addHeader(WarmUpRequests.HEADER, token);
		}
		return new ServerRequestObservationContext(request, new MockHttpServletResponse());
	}

}
