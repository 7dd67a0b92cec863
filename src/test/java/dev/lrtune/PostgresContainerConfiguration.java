package dev.lrtune;

import java.util.function.Supplier;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.lrtune.PostgresTestDatabase.Source;

/**
 * A PostgreSQL test context's database on the container path: a Testcontainers PostgreSQL as a
 * {@code @ServiceConnection} bean, from which Spring Boot builds the data source's and Flyway's connection details.
 * Spring starts it with the context and stops it when the context closes. Ignored unless
 * {@link PostgresTestDatabase#source()} is {@link Source#CONTAINER} (no {@code LRTUNE_TEST_JDBC_URL}, Docker
 * available): with the URL, {@link PostgresTestDatabase#register} points the context at it instead.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(PostgresContainerConfiguration.OnContainerPath.class)
@Import(PostgresContainerConfiguration.Container.class)
public class PostgresContainerConfiguration {

	/** The container bean itself, unconditional, so that its wiring can be checked on any machine. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Container {

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgresContainer() {
			return new PostgreSQLContainer(PostgresTestDatabase.IMAGE);
		}

	}

	/** Matches when this JVM's PostgreSQL tests run on Testcontainers. */
	static final class OnContainerPath implements Condition {

		private final Supplier<Source> source;

		OnContainerPath() {
			this(PostgresTestDatabase::source);
		}

		OnContainerPath(Supplier<Source> source) {
			this.source = source;
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return source.get() == Source.CONTAINER;
		}

	}

}
