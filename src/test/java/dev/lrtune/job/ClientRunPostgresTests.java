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

/** {@link ClientRunScenarios} on real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(PostgresTestDatabase.class)
@DirtiesContext // its own context: closed after the class, so that its pool's connections go back to the server
@Import({ MovableClockConfiguration.class, PostgresContainerConfiguration.class })
@TestPropertySource(properties = { "lrtune.workers.threads=1", "lrtune.client-runs.lease-check-interval=100ms",
		"lrtune.curves.stream.poll-interval=100ms" })
class ClientRunPostgresTests extends ClientRunScenarios {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
