package dev.lrtune;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where PostgreSQL integration tests run, decided once per test JVM ({@link #source()}):
 * <ul>
 * <li>{@link Source#ENVIRONMENT}: the database at {@code LRTUNE_TEST_JDBC_URL} when it is set (CI's {@code .ci/run}
 * points it at the machine's PostgreSQL). Each test JVM works in a fresh schema
 * ({@code lrtune_test_<epoch seconds>_<random>}) that Flyway migrates from scratch and that is dropped when the JVM
 * exits, so runs never see each other's tables, concurrent runs on one database do not collide, and the shared
 * database stays usable. Schemas a killed run left behind are dropped by the next run once they are a day old.
 * Test contexts get it through {@link #register(DynamicPropertyRegistry)}.</li>
 * <li>{@link Source#CONTAINER}: else, when Docker is available, a Testcontainers PostgreSQL. Each test context gets
 * a container of its own as a {@code @ServiceConnection} bean ({@link PostgresContainerConfiguration}), whose
 * database no other context or run sees.</li>
 * <li>{@link Source#NONE}: otherwise the tests are skipped with a message saying so.</li>
 * </ul>
 * Applications a test starts itself ({@link PostgresInstances}) and plain JDBC tests have no test context: they take
 * {@link #registerStandalone(DynamicPropertyRegistry)}, the environment's schema or, on the container path, one
 * container for the JVM.
 * <p>
 * Use:
 * <pre>{@code
 * @DataJpaTest  // or @SpringBootTest
 * @AutoConfigureTestDatabase(replace = Replace.NONE)
 * @ExtendWith(PostgresTestDatabase.class)
 * @Import(PostgresContainerConfiguration.class)
 * class SomethingPostgresTests {
 *     @DynamicPropertySource
 *     static void postgres(DynamicPropertyRegistry registry) {
 *         PostgresTestDatabase.register(registry);
 *     }
 * }
 * }</pre>
 */
public final class PostgresTestDatabase implements ExecutionCondition {

	/** A JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
	public static final String URL_VARIABLE = "LRTUNE_TEST_JDBC_URL";

	private static final String SCHEMA_PREFIX = "lrtune_test_";

	private static final Duration STALE = Duration.ofDays(1);

	/** The image of the Testcontainers PostgreSQL. */
	static final String IMAGE = "postgres:15";

	private static Database database;

	private static Source source;

	/** Where this JVM's PostgreSQL tests run. */
	public enum Source {

		/** The database at {@value #URL_VARIABLE}, in a schema of this JVM's own. */
		ENVIRONMENT,

		/** A Testcontainers PostgreSQL: a {@code @ServiceConnection} bean in each test context. */
		CONTAINER,

		/** No PostgreSQL: the tests are skipped. */
		NONE

	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return condition(source());
	}

	static ConditionEvaluationResult condition(Source source) {
		return switch (source) {
			case ENVIRONMENT -> ConditionEvaluationResult.enabled("PostgreSQL at " + URL_VARIABLE);
			case CONTAINER -> ConditionEvaluationResult.enabled("PostgreSQL in a Testcontainers container");
			case NONE -> ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + URL_VARIABLE
					+ " is not set and Docker is not available (set it, e.g. "
					+ "jdbc:postgresql://127.0.0.1:5432/test?user=postgres, to run them)");
		};
	}

	/** This JVM's source, decided on first use from the environment and, only without a URL, Docker. */
	public static synchronized Source source() {
		if (source == null) {
			source = choose(System.getenv(URL_VARIABLE), () -> DockerClientFactory.instance().isDockerAvailable());
		}
		return source;
	}

	/**
	 * The URL wins, and Docker is not even asked about when there is one (asking takes seconds without it); then a
	 * container when Docker answers; else nothing.
	 */
	static Source choose(String url, BooleanSupplier dockerAvailable) {
		if (url != null && !url.isBlank()) {
			return Source.ENVIRONMENT;
		}
		return dockerAvailable.getAsBoolean() ? Source.CONTAINER : Source.NONE;
	}

	/**
	 * Points a test context's data source and Flyway at this JVM's schema of {@value #URL_VARIABLE}. On the container
	 * path it registers nothing: the context's {@code @ServiceConnection} container
	 * ({@link PostgresContainerConfiguration}) supplies both.
	 */
	public static void register(DynamicPropertyRegistry registry) {
		register(registry, source());
	}

	static void register(DynamicPropertyRegistry registry, Source source) {
		if (source == Source.ENVIRONMENT) {
			registerStandalone(registry);
		}
	}

	/**
	 * The data source and Flyway settings for an application a test starts itself, or for plain JDBC: this JVM's
	 * schema of {@value #URL_VARIABLE}, or on the container path a schema in one container shared by the JVM.
	 */
	public static void registerStandalone(DynamicPropertyRegistry registry) {
		Database db = database();
		registry.add("spring.datasource.url", db::schemaUrl);
		registry.add("spring.datasource.username", db::username);
		registry.add("spring.datasource.password", db::password);
		registry.add("spring.flyway.schemas", db::schema);
		// a commit need not wait for the WAL's flush: only a crash of the server could lose it, and no test crashes it
		registry.add("spring.datasource.hikari.connection-init-sql", () -> "SET synchronous_commit = off");
	}

	private static synchronized Database database() {
		if (database == null) {
			database = switch (source()) {
				case ENVIRONMENT -> fromEnvironment();
				case CONTAINER -> fromContainer();
				case NONE -> throw new IllegalStateException("No PostgreSQL for tests: " + URL_VARIABLE
						+ " is not set and Docker is not available");
			};
			database.createSchema();
			Runtime.getRuntime().addShutdownHook(new Thread(database::dropSchema, "drop-" + database.schema()));
		}
		return database;
	}

	private static String configuredUrl() {
		String url = System.getenv(URL_VARIABLE);
		return url == null || url.isBlank() ? null : url.trim();
	}

	private static Database fromEnvironment() {
		return new Database(configuredUrl(), System.getenv().getOrDefault("LRTUNE_TEST_JDBC_USER", ""),
				System.getenv().getOrDefault("LRTUNE_TEST_JDBC_PASSWORD", ""), newSchemaName());
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
	private static Database fromContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword(), newSchemaName());
	}

	private static String newSchemaName() {
		return SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_"
				+ Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
	}

	private record Database(String url, String username, String password, String schema) {

		String schemaUrl() {
			return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		}

		void createSchema() {
			execute(statement -> {
				dropStaleSchemas(statement);
				statement.execute("CREATE SCHEMA " + schema);
			});
		}

		void dropSchema() {
			execute(statement -> statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
		}

		private static void dropStaleSchemas(Statement statement) throws SQLException {
			List<String> stale = new ArrayList<>();
			long cutoff = Instant.now().minus(STALE).getEpochSecond();
			try (var schemas = statement.executeQuery("SELECT schema_name FROM information_schema.schemata "
					+ "WHERE schema_name LIKE '" + SCHEMA_PREFIX + "%'")) {
				while (schemas.next()) {
					String name = schemas.getString(1);
					String[] parts = name.substring(SCHEMA_PREFIX.length()).split("_");
					if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
						stale.add(name);
					}
				}
			}
			for (String name : stale) {
				statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
			}
		}

		private void execute(SqlWork work) {
			try (Connection connection = username.isEmpty() ? DriverManager.getConnection(url)
					: DriverManager.getConnection(url, username, password);
					Statement statement = connection.createStatement()) {
				work.run(statement);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL at " + url + " cannot be used for tests: " + ex.getMessage(), ex);
			}
		}

	}

	@FunctionalInterface
	private interface SqlWork {

		void run(Statement statement) throws SQLException;

	}

}
