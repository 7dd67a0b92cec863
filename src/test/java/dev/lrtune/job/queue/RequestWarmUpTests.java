package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.sun.net.httpserver.HttpServer;

import dev.lrtune.web.WarmUpRequests;

/**
 * The request warm-up against a stand-in server on loopback: what it sends, when it stops, and when it sends
 * nothing.
 */
class RequestWarmUpTests {

	private final WarmUpRequests marker = new WarmUpRequests();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile int status = 400;

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ exchange.getRequestHeaders().getFirst(WarmUpRequests.HEADER) + " " + body);
			byte[] problem = "{\"status\": %d}".formatted(status).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, problem.length);
			exchange.getResponseBody().write(problem);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void sendsEachRoundsRequestsMarkedWithTheTokenToItsOwnPortAndContextPath() {
		RequestWarmUp warmUp = new RequestWarmUp(environment().withProperty("server.servlet.context-path", "/lr"), marker);

		RequestWarmUp.Report report = warmUp.run(2, () -> false);

		assertThat(report.requests()).isEqualTo(2 * RequestWarmUp.ROUND.size());
		assertThat(report.stopped()).isFalse();
		assertThat(received).hasSize(2 * RequestWarmUp.ROUND.size());
		for (int i = 0; i < received.size(); i++) {
			RequestWarmUp.Request sent = RequestWarmUp.ROUND.get(i % RequestWarmUp.ROUND.size());
			assertThat(received.get(i)).isEqualTo(sent.method() + " /lr" + sent.path() + " " + marker.token() + " "
					+ (sent.body() == null ? "" : sent.body()));
		}
	}

	@Test
	void unauthorisedAnswersAreRefusalsToo() {
		status = 401;

		assertThat(new RequestWarmUp(environment(), marker).run(1, () -> false).requests())
			.isEqualTo(RequestWarmUp.ROUND.size());
	}

	@Test
	void stopsBeforeTheNextRequestOnceToldTo() {
		AtomicInteger asked = new AtomicInteger();

		RequestWarmUp.Report report = new RequestWarmUp(environment(), marker).run(100, () -> asked.incrementAndGet() > 4);

		assertThat(report.stopped()).isTrue();
		assertThat(report.requests()).isEqualTo(4);
		assertThat(received).hasSize(4);
	}

	@Test
	void aRequestThatIsNotRefusedStopsItAtOnce() {
		status = 202;

		assertThatThrownBy(() -> new RequestWarmUp(environment(), marker).run(5, () -> false))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("answered 202");
		assertThat(received).hasSize(1);
	}

	@Test
	void anInstanceWithoutAPlainHttpPortSendsNothing() {
		MockEnvironment noServer = new MockEnvironment();
		MockEnvironment tls = environment().withProperty("server.ssl.bundle", "web");

		assertThat(new RequestWarmUp(noServer, marker).run(3, () -> false).requests()).isZero();
		assertThat(new RequestWarmUp(tls, marker).run(3, () -> false).requests()).isZero();
		assertThat(received).isEmpty();
	}

	@Test
	void anInstanceListeningOnEveryAddressIsReachedOnLoopback() {
		RequestWarmUp warmUp = new RequestWarmUp(environment().withProperty("server.address", "0.0.0.0"), marker);

		assertThat(warmUp.base().getHost()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
		assertThat(warmUp.run(1, () -> false).requests()).isEqualTo(RequestWarmUp.ROUND.size());
	}

	private MockEnvironment environment() {
		return new MockEnvironment().withProperty("local.server.port", String.valueOf(server.getAddress().getPort()));
	}

}
