package dev.lrtune.db;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of the two supported databases the service runs on, PostgreSQL or the embedded H2, asked of a connection on
 * first use and remembered: the few statements whose SQL differs between them choose by it.
 */
public final class DatabaseProduct {

	private final JdbcTemplate jdbc;

	private volatile Boolean postgres;

	public DatabaseProduct(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public boolean postgres() {
		Boolean answer = postgres;
		if (answer == null) {
			String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
			answer = "PostgreSQL".equals(product);
			postgres = answer;
		}
		return answer;
	}

	/** H2, the other one. */
	public boolean h2() {
		return !postgres();
	}

}
