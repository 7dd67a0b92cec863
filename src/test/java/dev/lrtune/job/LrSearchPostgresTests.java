package dev.lrtune.job;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lrtune.PostgresInstances;
import dev.lrtune.PostgresTestDatabase;

/** {@link LrSearchEndToEndTests}' search on real PostgreSQL: the job type, its curve and result stored there. */
@ExtendWith(PostgresTestDatabase.class)
class LrSearchPostgresTests {

	private static PostgresInstances instances;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		instances = new PostgresInstances("lr_search");
		app = instances.start("search-a", "--lrtune.workers.threads=1", "--lrtune.workers.poll-interval=50ms",
				"--lrtune.curves.flush-interval=50ms");
	}

	@AfterAll
	static void stop() throws SQLException {
		if (instances != null) {
			instances.close();
		}
	}

	@Test
	void theSearchRunsAndReadsBackAsOnH2() {
		LrSearchEndToEndTests.assertSearchEndToEnd(LrSearchEndToEndTests
			.client("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1"));
	}

}
