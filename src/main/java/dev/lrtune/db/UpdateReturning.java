package dev.lrtune.db;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * An {@code UPDATE} that answers with the rows it changed, in one statement (one round trip) instead of an update
 * followed by a read: {@code UPDATE … RETURNING} on PostgreSQL, {@code SELECT … FROM FINAL TABLE (UPDATE …)} on H2,
 * which has no {@code RETURNING}.
 */
public final class UpdateReturning {

	private final JdbcTemplate jdbc;

	private final DatabaseProduct database;

	public UpdateReturning(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.database = new DatabaseProduct(jdbc);
	}

	/** Whether the database is PostgreSQL (else H2), asked once. */
	public boolean postgres() {
		return database.postgres();
	}

	/** {@code update} (an {@code UPDATE} statement) with {@code columns} of the changed rows, mapped by {@code rows}. */
	public <T> List<T> query(String update, String columns, RowMapper<T> rows, Object... args) {
		return jdbc.query(sql(update, columns), rows, args);
	}

	/** The statement that runs {@code update} and answers {@code columns} of every row it changed. */
	public String sql(String update, String columns) {
		return postgres() ? update + " RETURNING " + columns : "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
	}

}
