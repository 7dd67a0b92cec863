package dev.lrtune.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** {@link ClientRunScenarios} on an in-memory H2 database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ClientRunScenarios.Time.class)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:client-runs;DB_CLOSE_DELAY=-1",
		"lrtune.workers.threads=1", "lrtune.client-runs.lease-check-interval=100ms",
		"lrtune.curves.stream.poll-interval=100ms" })
class ClientRunH2Tests extends ClientRunScenarios {
}
