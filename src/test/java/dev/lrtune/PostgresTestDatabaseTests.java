package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.lrtune.PostgresTestDatabase.Source;

/**
 * Which database the PostgreSQL tests take: the URL in the environment, else a {@code @ServiceConnection} container
 * when Docker is available, else none (and they are skipped). Docker itself is never needed here.
 */
class PostgresTestDatabaseTests {

	@Test
	void aUrlInTheEnvironmentWinsWithoutAskingDocker() {
		assertThat(PostgresTestDatabase.choose("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", () -> {
			throw new AssertionError("Docker asked about although a URL is set");
		})).isEqualTo(Source.ENVIRONMENT);
	}

	@Test
	void withoutAUrlDockerDecides() {
		assertThat(PostgresTestDatabase.choose(null, () -> true)).isEqualTo(Source.CONTAINER);
		assertThat(PostgresTestDatabase.choose("  ", () -> true)).isEqualTo(Source.CONTAINER);
		assertThat(PostgresTestDatabase.choose(null, () -> false)).isEqualTo(Source.NONE);
		assertThat(PostgresTestDatabase.choose("", () -> false)).isEqualTo(Source.NONE);
	}

	@Test
	void theTestsRunOnBothPathsAndAreSkippedWithAReasonOtherwise() {
		assertThat(PostgresTestDatabase.condition(Source.ENVIRONMENT).isDisabled()).isFalse();
		assertThat(PostgresTestDatabase.condition(Source.CONTAINER).isDisabled()).isFalse();
		ConditionEvaluationResult none = PostgresTestDatabase.condition(Source.NONE);
		assertThat(none.isDisabled()).isTrue();
		assertThat(none.getReason()).hasValueSatisfying(
				reason -> assertThat(reason).contains("LRTUNE_TEST_JDBC_URL").contains("Docker is not available"));
	}

	@Test
	void theContainerConfigurationIsImportedOnTheContainerPathOnly() {
		assertThat(new PostgresContainerConfiguration.OnContainerPath(() -> Source.CONTAINER).matches(null, null))
			.isTrue();
		assertThat(new PostgresContainerConfiguration.OnContainerPath(() -> Source.ENVIRONMENT).matches(null, null))
			.isFalse();
		assertThat(new PostgresContainerConfiguration.OnContainerPath(() -> Source.NONE).matches(null, null)).isFalse();
	}

	@Test
	void thisMachinesContextsHaveAContainerBeanExactlyOnTheContainerPath() {
		boolean container = PostgresTestDatabase.source() == Source.CONTAINER;
		new ApplicationContextRunner().withUserConfiguration(PostgresContainerConfiguration.class)
			.run(context -> assertThat(context.getBeanNamesForType(PostgreSQLContainer.class, true, false))
				.hasSize(container ? 1 : 0));
	}

	@Test
	void theContainerIsTheServiceConnectionOfTheDataSourceAndFlyway() {
		// Spring Boot finds a connection details factory for Testcontainers 2's PostgreSQLContainer in spring-boot-jdbc
		// and spring-boot-flyway; the details start the container only when read, so no Docker is needed to see them
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class))
			.withUserConfiguration(PostgresContainerConfiguration.Container.class)
			.run(context -> {
				assertThat(context).hasSingleBean(PostgreSQLContainer.class)
					.hasSingleBean(JdbcConnectionDetails.class)
					.hasSingleBean(FlywayConnectionDetails.class);
				assertThat(((OriginProvider) context.getBean(JdbcConnectionDetails.class)).getOrigin())
					.hasToString("Bean 'postgresContainer' defined in " + PostgresContainerConfiguration.Container.class.getName());
				assertThat(context.getBean(PostgreSQLContainer.class).isRunning()).isFalse();
			});
	}

	@Test
	void offTheEnvironmentPathATestContextGetsNoDatabaseProperties() {
		Map<String, Object> registered = new LinkedHashMap<>();
		PostgresTestDatabase.register((name, value) -> registered.put(name, value.get()), Source.CONTAINER);
		PostgresTestDatabase.register((name, value) -> registered.put(name, value.get()), Source.NONE);
		assertThat(registered).isEmpty();
	}

}
