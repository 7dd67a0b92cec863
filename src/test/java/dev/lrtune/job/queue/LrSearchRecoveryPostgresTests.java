package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.lrtune.PostgresInstances;
import dev.lrtune.PostgresTestDatabase;

/**
 * {@link InterruptedSearches} on real PostgreSQL, taken over by another instance: instance A is stopped while one
 * search races (the other queued), the other search is left as a dead instance leaves it, and instance B, started
 * on the same schema, recovers both at its start-up and finishes them with the uninterrupted answer.
 */
@ExtendWith(PostgresTestDatabase.class)
class LrSearchRecoveryPostgresTests {

	private static PostgresInstances instances;

	private static InterruptedSearches searches;

	@BeforeAll
	static void interruptOnATakeOverOnB() throws Exception {
		instances = new PostgresInstances("lr_search_recovery");
		String[] arguments = { "--lrtune.workers.threads=1", "--lrtune.workers.poll-interval=50ms",
				"--lrtune.curves.flush-interval=50ms" };
		searches = InterruptedSearches.run(
				gate -> instances.start("search-a", gate, "--lrtune.workers.threads=1",
						"--lrtune.workers.poll-interval=50ms", "--lrtune.curves.flush-interval=0ms"),
				() -> instances.start("search-b", arguments), instances::connect);
	}

	@AfterAll
	static void stop() throws SQLException {
		if (instances != null) {
			instances.close();
		}
	}

	@Test
	void aSearchStoppedInItsRaceOnOneInstanceIsRunByAnotherWithTheUninterruptedAnswer() {
		searches.assertStoppedInTheRaceAndReleased();
		searches.assertSameAnswerAsUninterrupted(searches.stopped);
		assertThat(searches.worker(searches.stopped)).startsWith("search-b/");
	}

	@Test
	void aSearchWhoseInstanceDiedInItsRaceIsTakenOverByAnotherWithTheUninterruptedAnswer() {
		searches.assertSameAnswerAsUninterrupted(searches.crashed);
		assertThat(searches.worker(searches.crashed)).startsWith("search-b/");
	}

}
