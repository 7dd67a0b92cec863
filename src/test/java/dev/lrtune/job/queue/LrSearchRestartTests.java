package dev.lrtune.job.queue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lrtune.LrtuneApplication;

/**
 * An {@code lr_search} interrupted in its race survives a restart of the one-command setup (an H2 file database) and
 * ends with the answer of an uninterrupted search ({@link InterruptedSearches}): the whole application is started on
 * a random port with one worker and driven over HTTP, stopped while one search races (the other queued), the other
 * search rewritten in the file as a dead instance leaves it, and started again. {@code LrSearchRecoveryPostgresTests}
 * has another instance take both over on PostgreSQL.
 */
class LrSearchRestartTests {

	@TempDir
	static Path directory;

	private static InterruptedSearches searches;

	@BeforeAll
	static void interruptTwoSearchesAndRestart() throws Exception {
		searches = InterruptedSearches.run(gate -> start(gate, "0ms"), () -> start(context -> {
		}, "50ms"), () -> DriverManager.getConnection(url(), "sa", ""));
	}

	@AfterAll
	static void stopTheRestartedApplication() {
		if (searches != null) {
			searches.close();
		}
	}

	/**
	 * The graceful path: the stopping application gives the racing search back to the queue (its partial curve
	 * deleted); the restarted one claims it and runs it again from the start.
	 */
	@Test
	void aSearchStoppedInItsRaceRunsAgainAfterARestartAndGivesTheUninterruptedAnswer() {
		searches.assertStoppedInTheRaceAndReleased();
		searches.assertSameAnswerAsUninterrupted(searches.stopped);
	}

	/**
	 * The crash path: a search left running under a lease that expired a minute ago, with a stale partial curve, is
	 * re-queued by the restarted application's recovery at start-up (the curve deleted) and runs again.
	 */
	@Test
	void aSearchWhoseInstanceDiedInItsRaceIsRecoveredAndGivesTheUninterruptedAnswer() {
		searches.assertSameAnswerAsUninterrupted(searches.crashed);
	}

	private static ConfigurableApplicationContext start(
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer, String flushInterval) {
		// arguments, not builder properties: those are defaults that application.properties overrides
		List<String> arguments = List.of("--spring.datasource.url=" + url(), "--server.port=0",
				"--lrtune.workers.threads=1", "--lrtune.curves.flush-interval=" + flushInterval,
				"--spring.main.banner-mode=off");
		return new SpringApplicationBuilder(LrtuneApplication.class).initializers(initializer)
			.run(arguments.toArray(String[]::new));
	}

	private static String url() {
		return "jdbc:h2:file:" + directory.resolve("lrtune") + ";DB_CLOSE_ON_EXIT=FALSE";
	}

}
