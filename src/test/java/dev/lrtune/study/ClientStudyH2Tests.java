package dev.lrtune.study;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** {@link ClientStudyScenarios} on an in-memory H2 database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ClientStudyScenarios.Time.class)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:client-studies;DB_CLOSE_DELAY=-1",
		"lrtune.workers.enabled=false", "lrtune.client-runs.lease-check-interval=100ms",
		"lrtune.studies.poll-interval=100ms" })
class ClientStudyH2Tests extends ClientStudyScenarios {
}
