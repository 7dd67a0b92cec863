package dev.lrtune.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** {@link JobStatementsScenarios} on an in-memory H2 database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(JobStatementsScenarios.Logged.class)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:job-statements;DB_CLOSE_DELAY=-1",
		"lrtune.workers.enabled=false" })
class JobStatementsH2Tests extends JobStatementsScenarios {
}
