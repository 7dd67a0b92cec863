package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.lrtune.db.StatementLog;

/**
 * The application's beans on an in-memory H2 database, without a web server and with the workers off, for tests that
 * claim and run short jobs themselves and look at how a run ends: curves are flushed an hour apart
 * ({@code lrtune.curves.flush-interval=1h}), so a job of a few hundred iterations stores its outcome, its points and its
 * evaluation only at its end; every statement the application sends is logged ({@link StatementLog}, which only
 * the classes that count statements read, each counting its own thread's since it cleared the log); the queue holds
 * {@value #MAX_QUEUED} jobs ({@code lrtune.queue.max-queued}, for the study that must wait for room; no other class
 * queues more than two at once) and running studies are looked at only when one of their jobs ends here
 * ({@code lrtune.studies.poll-interval=1h}). Every test class annotated so shares one Spring context and its
 * database: each claims only what it submitted right before, and leaves no job queued.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:short-jobs;DB_CLOSE_DELAY=-1", "lrtune.workers.enabled=false",
		"lrtune.curves.flush-interval=1h", "lrtune.queue.max-queued=" + ShortJobsOnH2.MAX_QUEUED,
		"lrtune.studies.poll-interval=1h" })
@Import(StatementLog.class)
public @interface ShortJobsOnH2 {

	/** {@code lrtune.queue.max-queued}: the most jobs the queue holds. */
	int MAX_QUEUED = 3;

}
