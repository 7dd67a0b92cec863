package dev.lrtune.job.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.lrtune.web.WarmUpRequests;

/**
 * Sends this instance requests of the jobs' API over loopback, each refused, so that the code a client's job meets
 * besides the job itself is compiled before the first user's job: Tomcat reading a request and writing its answer,
 * the filters, MVC's dispatch and argument conversion, a job request's JSON and its validation, a transaction with
 * an uploaded dataset's lookup, a problem's JSON. Until it has run a few thousand times that code runs in the
 * interpreter or in C1's profiling code, and each job's {@code POST} and answer took tens of milliseconds of a core
 * while the JIT compiled it beside them.
 *
 * <p>Every request is refused without changing anything: a range test on dataset {@code 0}, which no dataset has (ids
 * start at 1), is a 400 once its lookup finds no row; the job {@code 0} and its recommendation asked for with
 * {@code wait=0} are 400s before any job is read, so the job views' cache is not touched. They carry the
 * {@link WarmUpRequests} mark, which keeps them out of {@code http.server.requests}, and no credential: with API keys
 * configured they are 401s, and warm up only what comes before the key check. An instance without an HTTP port of
 * its own (no web server, or TLS) sends nothing.
 */
@Component
class RequestWarmUp {

	/** A job that every check accepts but the dataset's lookup: dataset {@code 0} does not exist. */
	static final String REFUSED_JOB = """
			{"type": "range_test", "dataset": "0", "model": {"type": "linear"}, "seed": 1}""";

	/** The requests of one round, each answered 400 (401 without an API key where keys are configured). */
	static final List<Request> ROUND = List.of(new Request("POST", "/api/v1/jobs", REFUSED_JOB),
			new Request("GET", "/api/v1/jobs/0/recommendation?wait=0", null),
			new Request("GET", "/api/v1/jobs/0?wait=0", null));

	private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private final Environment environment;

	private final WarmUpRequests marker;

	RequestWarmUp(Environment environment, WarmUpRequests marker) {
		this.environment = environment;
		this.marker = marker;
	}

	/**
	 * Sends {@code rounds} rounds of {@link #ROUND} on the calling thread, one request at a time on one kept-alive
	 * connection, until {@code stop} says to stop (checked before each request).
	 *
	 * @throws IllegalStateException when a request is answered anything but 400 or 401: it stops at once
	 */
	Report run(int rounds, BooleanSupplier stop) {
		URI base = base();
		if (base == null) {
			return new Report(0, false, 0);
		}
		long start = System.nanoTime();
		int sent = 0;
		for (int round = 0; round < rounds; round++) {
			for (Request request : ROUND) {
				if (stop.getAsBoolean()) {
					return new Report(sent, true, (System.nanoTime() - start) / 1_000_000);
				}
				int status = send(base, request);
				sent++;
				if (status != 400 && status != 401) {
					throw new IllegalStateException(request.method() + " " + request.path() + " was answered " + status
							+ ", not refused");
				}
			}
		}
		return new Report(sent, false, (System.nanoTime() - start) / 1_000_000);
	}

	/** This instance's own address, port and context path; {@code null} without a plain HTTP port. */
	URI base() {
		Integer port = environment.getProperty("local.server.port", Integer.class);
		if (port == null || port <= 0 || tls()) {
			return null;
		}
		InetAddress address = bound();
		String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
		return URI.create("http://" + host + ":" + port + environment.getProperty("server.servlet.context-path", ""));
	}

	private boolean tls() {
		boolean configured = environment.containsProperty("server.ssl.bundle")
				|| environment.containsProperty("server.ssl.key-store")
				|| environment.containsProperty("server.ssl.certificate");
		return configured && environment.getProperty("server.ssl.enabled", Boolean.class, true);
	}

	/** The address the server listens on: loopback when it listens on all of them. */
	private InetAddress bound() {
		String address = environment.getProperty("server.address");
		if (address == null || address.isBlank()) {
			return InetAddress.getLoopbackAddress();
		}
		try {
			InetAddress bound = InetAddress.getByName(address);
			return bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One request, its answer read to the end so that the connection is kept for the next. */
	private int send(URI base, Request request) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(base + request.path()).toURL()
				.openConnection(Proxy.NO_PROXY);
			connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
			connection.setReadTimeout(READ_TIMEOUT_MILLIS);
			connection.setRequestMethod(request.method());
			connection.setRequestProperty(WarmUpRequests.HEADER, marker.token());
			connection.setRequestProperty("Accept", "application/json");
			if (request.body() != null) {
				byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
				connection.setDoOutput(true);
				connection.setRequestProperty("Content-Type", "application/json");
				connection.setFixedLengthStreamingMode(body.length);
				try (OutputStream out = connection.getOutputStream()) {
					out.write(body);
				}
			}
			int status = connection.getResponseCode();
			try (InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
				if (answer != null) {
					answer.readAllBytes();
				}
			}
			return status;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @param body JSON, {@code null} for none */
	record Request(String method, String path, String body) {
	}

	/**
	 * @param requests the requests sent and answered
	 * @param stopped whether it was told to stop before the last
	 * @param millis its wall time
	 */
	record Report(int requests, boolean stopped, long millis) {
	}

}
