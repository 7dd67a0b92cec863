package dev.lrtune.job;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.lrtune.PostgresTestDatabase;

/** {@link QueueScenarios} on real PostgreSQL: SKIP LOCKED claims, leases, recovery and curve writes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(PostgresTestDatabase.class)
@TestPropertySource(properties = { "lrtune.workers.enabled=false", "lrtune.curves.flush-interval=0ms",
		"lrtune.jobs.max-attempts=2" })
class QueuePostgresTests extends QueueScenarios {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
