package dev.lrtune.job.queue;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/** {@link QueueScenarios} on an in-memory H2 database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:queue-scenarios;DB_CLOSE_DELAY=-1",
		"lrtune.workers.enabled=false", "lrtune.curves.flush-interval=0ms", "lrtune.jobs.max-attempts=2" })
class QueueH2Tests extends QueueScenarios {
}
