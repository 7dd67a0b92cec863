package dev.lrtune.job;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.lrtune.PostgresContainerConfiguration;
import dev.lrtune.PostgresTestDatabase;
import dev.lrtune.db.StatementLog;

/** {@link JobStatementsScenarios} on real PostgreSQL ({@code UPDATE … RETURNING}, {@code SKIP LOCKED}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(PostgresTestDatabase.class)
@DirtiesContext // its own context: closed after the class, so that its pool's connections go back to the server
@Import({ StatementLog.class, PostgresContainerConfiguration.class })
@TestPropertySource(properties = "lrtune.workers.enabled=false")
class JobStatementsPostgresTests extends JobStatementsScenarios {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
