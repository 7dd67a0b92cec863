package dev.lrtune;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole applications (each with its own worker pool) sharing one PostgreSQL schema of their own, as several lrtune
 * instances share a production database. Use with {@link PostgresTestDatabase} (which skips the test without
 * PostgreSQL); the schema is this JVM's test schema plus a suffix, so no other test's workers can claim its jobs.
 */
public final class PostgresInstances implements AutoCloseable {

	private final Map<String, String> database = new LinkedHashMap<>();

	private final String schema;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	public PostgresInstances(String suffix) {
		PostgresTestDatabase.registerStandalone((name, value) -> database.put(name, String.valueOf(value.get())));
		String shared = database.get("spring.flyway.schemas");
		schema = shared + suffix;
		database.put("spring.flyway.schemas", schema);
		database.put("spring.datasource.url",
				database.get("spring.datasource.url").replace("currentSchema=" + shared, "currentSchema=" + schema));
	}

	/** Starts an instance on a random port, with these arguments besides the database's. */
	public ConfigurableApplicationContext start(String instanceId, String... arguments) {
		return start(instanceId, context -> {
		}, arguments);
	}

	/**
	 * Starts an instance as {@link #start(String, String...)}, letting {@code initializer} prepare its context first (to
	 * register a bean of the test's own, such as a clock it moves).
	 */
	public ConfigurableApplicationContext start(String instanceId,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer, String... arguments) {
		// arguments, not builder properties: those are defaults that application.properties overrides
		List<String> all = new ArrayList<>();
		database.forEach((name, value) -> all.add("--" + name + "=" + value));
		all.addAll(List.of("--server.port=0", "--lrtune.instance-id=" + instanceId, "--spring.main.banner-mode=off"));
		all.addAll(List.of(arguments));
		ConfigurableApplicationContext app = new SpringApplicationBuilder(LrtuneApplication.class).initializers(initializer)
			.run(all.toArray(String[]::new));
		started.add(app);
		return app;
	}

	public Connection connect() throws SQLException {
		String user = database.get("spring.datasource.username");
		String url = database.get("spring.datasource.url");
		return user.isEmpty() ? DriverManager.getConnection(url)
				: DriverManager.getConnection(url, user, database.get("spring.datasource.password"));
	}

	/** Stops every instance started here and drops the schema. */
	@Override
	public void close() throws SQLException {
		started.forEach(ConfigurableApplicationContext::close);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

}
