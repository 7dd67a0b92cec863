package dev.lrtune.dataset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code complete} flag of {@code datasets}: set once a dataset's matrix is stored, and the rows without it
 * deleted (their chunks by cascade). Each call is one statement, committed on its own.
 */
@Repository
class IncompleteDatasets {

	private final JdbcTemplate jdbc;

	IncompleteDatasets(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Shows the dataset to every read from now on.
	 * @throws IllegalStateException when its row is gone: removed as a leftover (see {@link #deleteCreatedBefore})
	 */
	void markComplete(long id) {
		if (jdbc.update("UPDATE datasets SET complete = TRUE WHERE id = ? AND complete = FALSE", id) != 1) {
			throw new IllegalStateException("dataset " + id + " was removed before its matrix was stored");
		}
	}

	/** Removes an upload that failed, with what it stored; nothing once the dataset is complete. */
	void delete(long id) {
		jdbc.update("DELETE FROM datasets WHERE id = ? AND complete = FALSE", id);
	}

	/** Removes the incomplete datasets created before {@code cutoff}; returns how many. */
	int deleteCreatedBefore(Instant cutoff) {
		return jdbc.update("DELETE FROM datasets WHERE complete = FALSE AND created_at < ?",
				OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
	}

}
