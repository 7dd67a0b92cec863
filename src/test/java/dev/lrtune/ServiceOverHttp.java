package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service over real HTTP on an in-memory H2 database, with one worker, curves flushed every 50 ms and
 * streamed every 100 ms; a client run's lease is {@value #CLIENT_RUN_LEASE_SECONDS} s, looked at every 200 ms, and a
 * client-run study's worker told to ask again waits 1 s (only the Python client's suite uses client runs here, so its
 * killed client's job fails within seconds; the server-run jobs of the other classes never see these settings).
 * Every test class annotated so shares one Spring context (and its database), so such tests must not count what
 * other classes stored: each looks only at the jobs it submitted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:service-over-http;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=1",
		"lrtune.curves.flush-interval=50ms", "lrtune.curves.stream.poll-interval=100ms",
		"lrtune.client-runs.lease=" + ServiceOverHttp.CLIENT_RUN_LEASE_SECONDS + "s",
		"lrtune.client-runs.lease-check-interval=200ms", "lrtune.studies.ask-retry-after=1s" })
public @interface ServiceOverHttp {

	/** {@code lrtune.client-runs.lease} in seconds: how long a client run lives without a post. */
	int CLIENT_RUN_LEASE_SECONDS = 4;

}
