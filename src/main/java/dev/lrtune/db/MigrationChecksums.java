package dev.lrtune.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs Flyway's migrations after accepting the one edit made to an applied migration: the opening comment of
 * {@code V6__studies.sql} was reworded, which changed its checksum, and Flyway refuses to migrate a database
 * whose applied migration no longer matches its file. A database that applied V6 before the edit stores the
 * earlier checksum; that value, and only that value, is replaced by the current one before migrating. Any other
 * mismatch still stops the start-up, as Flyway intends.
 */
@Component
class MigrationChecksums implements FlywayMigrationStrategy {

	private static final Logger log = LoggerFactory.getLogger(MigrationChecksums.class);

	/** The migration whose comment was reworded. */
	static final String REWORDED_VERSION = "6";

	/** Its checksum before the edit, as databases that applied it then have stored it. */
	static final int CHECKSUM_BEFORE_EDIT = 1118832148;

	/** Its checksum now, which Flyway computes from the file (a test checks that the two agree). */
	static final int CHECKSUM_AFTER_EDIT = -843012695;

	@Override
	public void migrate(Flyway flyway) {
		acceptRewordedComment(flyway);
		flyway.migrate();
	}

	/** Replaces the stored checksum of the reworded migration when it is the one from before the edit. */
	static void acceptRewordedComment(Flyway flyway) {
		boolean appliedBeforeEdit = Arrays.stream(flyway.info().applied())
			.filter(info -> info.getVersion() != null && REWORDED_VERSION.equals(info.getVersion().getVersion()))
			.anyMatch(info -> Objects.equals(info.getChecksum(), CHECKSUM_BEFORE_EDIT));
		if (appliedBeforeEdit) {
			replaceChecksum(flyway.getConfiguration());
		}
	}

	private static void replaceChecksum(Configuration configuration) {
		String sql = "UPDATE " + historyTable(configuration)
				+ " SET \"checksum\" = ? WHERE \"version\" = ? AND \"checksum\" = ?";
		try (Connection connection = configuration.getDataSource().getConnection();
				PreparedStatement update = connection.prepareStatement(sql)) {
			update.setInt(1, CHECKSUM_AFTER_EDIT);
			update.setString(2, REWORDED_VERSION);
			update.setInt(3, CHECKSUM_BEFORE_EDIT);
			int updated = update.executeUpdate();
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			if (updated > 0) {
				log.info("Migration V{}: stored checksum {} (from before its comment was reworded) replaced by {}",
						REWORDED_VERSION, CHECKSUM_BEFORE_EDIT, CHECKSUM_AFTER_EDIT);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not accept the reworded comment of migration V"
					+ REWORDED_VERSION + ": " + ex.getMessage(), ex);
		}
	}

	/** Flyway's history table, in the schema Flyway keeps it in. */
	private static String historyTable(Configuration configuration) {
		String schema = configuration.getDefaultSchema();
		if (schema == null && configuration.getSchemas().length > 0) {
			schema = configuration.getSchemas()[0];
		}
		String table = quote(configuration.getTable());
		return schema == null ? table : quote(schema) + "." + table;
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}
