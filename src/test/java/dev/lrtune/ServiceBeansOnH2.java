package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application's beans on an in-memory H2 database, without a web server and with the workers off: the test calls
 * the queue, the runner or the curve store itself, a job it runs flushes its curve at every check
 * ({@code lrtune.curves.flush-interval=0ms}), and a curve is read {@value #MAX_POINTS} points at most at a time
 * ({@code lrtune.curves.max-points}, so that paging shows on a curve of a few chunks); a job whose lease expires is
 * queued again once ({@code lrtune.jobs.max-attempts=2}, read only by the queue's recovery, which the queue scenarios
 * call themselves). Every test class annotated so shares one Spring context and its database, so each sets up the
 * rows it needs before each test and never counts what another stored.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:service-beans;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false",
		"lrtune.curves.flush-interval=0ms", "lrtune.curves.max-points=" + ServiceBeansOnH2.MAX_POINTS,
		"lrtune.jobs.max-attempts=2" })
public @interface ServiceBeansOnH2 {

	/** {@code lrtune.curves.max-points}: the most points one read of a curve returns. */
	int MAX_POINTS = 5000;

}
