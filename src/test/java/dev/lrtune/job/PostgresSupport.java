package dev.lrtune.job;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the job module's PostgreSQL tests run: {@code LRTUNE_TEST_JDBC_URL} when set (CI points it at the
 * machine's PostgreSQL), else a Testcontainers PostgreSQL 15 when Docker is available, else the tests are
 * skipped with a message. Each test class gets a fresh schema ({@code lrtune_jobs_<class>_<random>}),
 * migrated by Flyway and dropped when the JVM exits, so a shared {@code test} database is never disturbed.
 * To be replaced by the shared {@code dev.lrtune.PostgresTestDatabase} once it is on main.
 */
final class PostgresSupport implements ExecutionCondition {

	static final String URL_VARIABLE = "LRTUNE_TEST_JDBC_URL";

	private static String baseUrl;

	private static String username = "";

	private static String password = "";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (configuredUrl() != null) {
			return ConditionEvaluationResult.enabled("PostgreSQL at " + URL_VARIABLE);
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return ConditionEvaluationResult.enabled("PostgreSQL in a Testcontainers container");
		}
		return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + URL_VARIABLE + " is not set and Docker "
				+ "is not available (set it, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres, to run them)");
	}

	/** Points Spring's data source and Flyway at a fresh schema for {@code testClass}. */
	static void register(DynamicPropertyRegistry registry, Class<?> testClass) {
		String schema = ("lrtune_jobs_" + testClass.getSimpleName() + "_"
				+ Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36)).toLowerCase(Locale.ROOT);
		String url = createSchema(schema);
		registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		registry.add("spring.datasource.username", () -> username);
		registry.add("spring.datasource.password", () -> password);
		registry.add("spring.flyway.schemas", () -> schema);
	}

	private static synchronized String createSchema(String schema) {
		if (baseUrl == null) {
			baseUrl = configuredUrl();
			if (baseUrl == null) {
				@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
				PostgreSQLContainer container = new PostgreSQLContainer("postgres:15");
				container.start();
				baseUrl = container.getJdbcUrl();
				username = container.getUsername();
				password = container.getPassword();
			}
		}
		execute("CREATE SCHEMA " + schema);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE")));
		return baseUrl;
	}

	private static void execute(String sql) {
		try (Connection connection = username.isEmpty() ? DriverManager.getConnection(baseUrl)
				: DriverManager.getConnection(baseUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + baseUrl + " cannot be used for tests: " + ex.getMessage(), ex);
		}
	}

	private static String configuredUrl() {
		String url = System.getenv(URL_VARIABLE);
		return url == null || url.isBlank() ? null : url.trim();
	}

}
