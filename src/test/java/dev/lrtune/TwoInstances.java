package dev.lrtune;

import java.sql.SQLException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lrtune.job.MovableClock;

/**
 * Two whole applications, {@code instance-a} and {@code instance-b}, on one PostgreSQL schema of their own
 * ({@link PostgresInstances}), started once per JVM for every class that takes a {@link Pair} parameter (in its
 * {@code @BeforeAll}) and stopped, the schema dropped, when the JVM's tests end: each start costs about a second, and
 * the multi-instance classes need the same pair. Each has two workers and reads time from one {@link MovableClock}
 * that a class may move; a class looks only at the jobs and studies it created, and leaves none of its jobs running.
 * Idle, the pair polls for jobs every 100 ms and its pools shrink to a connection or two.
 */
public final class TwoInstances implements ParameterResolver {

	/** The two instances and the clock both read. */
	public record Pair(ConfigurableApplicationContext a, ConfigurableApplicationContext b, MovableClock clock) {
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Pair.class;
	}

	@Override
	public Pair resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(TwoInstances.class))
			.computeIfAbsent(Started.class, key -> new Started(), Started.class).pair;
	}

	/** Closed with the JVM's root test context, which closes what its store holds. */
	private static final class Started implements AutoCloseable {

		private final PostgresInstances instances = new PostgresInstances("instances");

		private final Pair pair;

		Started() {
			MovableClock clock = new MovableClock();
			pair = new Pair(start("instance-a", clock), start("instance-b", clock), clock);
		}

		private ConfigurableApplicationContext start(String id, MovableClock clock) {
			return instances.start(id, context -> context.getBeanFactory().registerSingleton("movableClock", clock),
					"--lrtune.workers.threads=2", "--lrtune.workers.poll-interval=100ms",
					"--lrtune.curves.flush-interval=50ms", "--lrtune.curves.stream.poll-interval=100ms",
					"--lrtune.client-runs.lease-check-interval=100ms",
					// idle for the rest of the JVM's tests, each keeps a connection or two, not its ten
					"--spring.datasource.hikari.minimum-idle=1", "--spring.datasource.hikari.idle-timeout=10000");
		}

		@Override
		public void close() throws SQLException {
			instances.close();
		}

	}

}
