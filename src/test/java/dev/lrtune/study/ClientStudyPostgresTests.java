package dev.lrtune.study;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.lrtune.PostgresContainerConfiguration;
import dev.lrtune.PostgresTestDatabase;
import dev.lrtune.job.MovableClockConfiguration;

/** {@link ClientStudyScenarios} on real PostgreSQL: the ask's row lock and the rung judgements' order. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(PostgresTestDatabase.class)
@DirtiesContext // its own context: closed after the class, so that its pool's connections go back to the server
@Import({ MovableClockConfiguration.class, PostgresContainerConfiguration.class })
@TestPropertySource(properties = { "lrtune.workers.enabled=false", "lrtune.client-runs.lease-check-interval=100ms",
		"lrtune.studies.poll-interval=100ms" })
class ClientStudyPostgresTests extends ClientStudyScenarios {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
