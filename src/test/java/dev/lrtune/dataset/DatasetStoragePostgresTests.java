package dev.lrtune.dataset;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.lrtune.PostgresContainerConfiguration;
import dev.lrtune.PostgresTestDatabase;

/** The storage round trip on PostgreSQL (see {@link PostgresTestDatabase}; skipped without one). */
@AutoConfigureTestDatabase(replace = Replace.NONE)
@ExtendWith(PostgresTestDatabase.class)
@DirtiesContext // its own context: closed after the class, so that its pool's connections go back to the server
@Import(PostgresContainerConfiguration.class)
class DatasetStoragePostgresTests extends DatasetStorageScenarios {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
