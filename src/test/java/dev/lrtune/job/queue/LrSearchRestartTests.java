package dev.lrtune.job.queue;

import java.nio.file.Path;
import java.sql.DriverManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
		searches = InterruptedSearches.run(gate -> H2FileApplication.start(directory, gate, "0ms"),
				() -> H2FileApplication.start(directory, context -> {
				}, "50ms"), () -> DriverManager.getConnection(H2FileApplication.url(directory), "sa", ""));
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



}
