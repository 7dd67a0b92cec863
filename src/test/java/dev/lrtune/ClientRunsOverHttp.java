package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.lrtune.job.MovableClock;
import dev.lrtune.job.MovableClockConfiguration;

/**
 * The whole service over real HTTP on an in-memory H2 database, for client-run jobs and studies: time is a
 * {@link MovableClock} (a lease passes when a test moves it), client runs' leases are looked at every 100 ms, curves
 * streamed every 100 ms, running studies looked at every 100 ms, and one worker runs the few server jobs and studies
 * the tests submit beside their client runs. Every test class annotated so shares one Spring context, its clock and its
 * database: each looks only at the jobs and studies it made, moves the clock only forward, and expects the jobs that
 * others left running to end whenever a lease check runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:client-runs;DB_CLOSE_DELAY=-1", "lrtune.workers.threads=1",
		"lrtune.client-runs.lease-check-interval=100ms", "lrtune.curves.stream.poll-interval=100ms",
		"lrtune.studies.poll-interval=100ms" })
@Import(MovableClockConfiguration.class)
public @interface ClientRunsOverHttp {

}
