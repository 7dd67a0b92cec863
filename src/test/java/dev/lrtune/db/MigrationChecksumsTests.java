package dev.lrtune.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.lrtune.PostgresTestDatabase;

/**
 * A database migrated before the comment of V6 was reworded still starts: its stored checksum of V6 is the old
 * one, which {@link MigrationChecksums} replaces before migrating; any other checksum is still refused. Run on H2,
 * and on PostgreSQL when it is available.
 */
class MigrationChecksumsTests {

	@Test
	void flywayComputesTheCurrentChecksumOfTheRewordedMigration() {
		Database db = h2();
		flyway(db).migrate();

		assertThat(storedChecksum(db)).isEqualTo(MigrationChecksums.CHECKSUM_AFTER_EDIT);
	}

	@Test
	void aDatabaseMigratedBeforeTheEditMigratesToTheEnd() {
		aDatabaseMigratedBeforeTheEditMigratesToTheEnd(h2());
	}

	@Test
	void aDatabaseWithAnotherChecksumIsStillRefused() {
		aDatabaseWithAnotherChecksumIsStillRefused(h2());
	}

	@Test
	void aDatabaseMigratedAfterTheEditIsLeftAsItIs() {
		Database db = h2();
		flyway(db).migrate();

		new MigrationChecksums().migrate(flyway(db));

		assertThat(storedChecksum(db)).isEqualTo(MigrationChecksums.CHECKSUM_AFTER_EDIT);
		assertThat(flyway(db).info().pending()).isEmpty();
	}

	@Nested
	@ExtendWith(PostgresTestDatabase.class)
	class OnPostgres {

		@Test
		void aDatabaseMigratedBeforeTheEditMigratesToTheEnd() throws SQLException {
			Database db = postgres();
			try {
				MigrationChecksumsTests.aDatabaseMigratedBeforeTheEditMigratesToTheEnd(db);
			}
			finally {
				db.dropSchema();
			}
		}

		@Test
		void aDatabaseWithAnotherChecksumIsStillRefused() throws SQLException {
			Database db = postgres();
			try {
				MigrationChecksumsTests.aDatabaseWithAnotherChecksumIsStillRefused(db);
			}
			finally {
				db.dropSchema();
			}
		}

	}

	private static void aDatabaseMigratedBeforeTheEditMigratesToTheEnd(Database db) {
		migrateToTheRewordedVersionAsBeforeTheEdit(db, MigrationChecksums.CHECKSUM_BEFORE_EDIT);
		assertThatThrownBy(() -> flyway(db).migrate()).isInstanceOf(FlywayValidateException.class);

		new MigrationChecksums().migrate(flyway(db));

		assertThat(storedChecksum(db)).isEqualTo(MigrationChecksums.CHECKSUM_AFTER_EDIT);
		assertThat(flyway(db).info().pending()).isEmpty();
		flyway(db).validate();
	}

	private static void aDatabaseWithAnotherChecksumIsStillRefused(Database db) {
		int edited = MigrationChecksums.CHECKSUM_BEFORE_EDIT + 1;
		migrateToTheRewordedVersionAsBeforeTheEdit(db, edited);

		assertThatThrownBy(() -> new MigrationChecksums().migrate(flyway(db)))
			.isInstanceOf(FlywayValidateException.class);
		assertThat(storedChecksum(db)).isEqualTo(edited);
	}

	/** What a database that applied V6 before the edit looks like: the same schema, the old checksum stored. */
	private static void migrateToTheRewordedVersionAsBeforeTheEdit(Database db, int storedChecksum) {
		Flyway.configure()
			.dataSource(db.url(), db.user(), db.password())
			.schemas(db.schemas())
			.locations("classpath:db/migration")
			.target(MigrationChecksums.REWORDED_VERSION)
			.load()
			.migrate();
		db.execute("UPDATE " + db.historyTable() + " SET \"checksum\" = " + storedChecksum + " WHERE \"version\" = '"
				+ MigrationChecksums.REWORDED_VERSION + "'");
	}

	private static Flyway flyway(Database db) {
		return Flyway.configure()
			.dataSource(db.url(), db.user(), db.password())
			.schemas(db.schemas())
			.locations("classpath:db/migration")
			.load();
	}

	private static int storedChecksum(Database db) {
		return db.queryInt("SELECT \"checksum\" FROM " + db.historyTable() + " WHERE \"version\" = '"
				+ MigrationChecksums.REWORDED_VERSION + "'");
	}

	private static Database h2() {
		return new Database("jdbc:h2:mem:checksums-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", null);
	}

	private static Database postgres() {
		Map<String, String> properties = new LinkedHashMap<>();
		PostgresTestDatabase.registerStandalone((name, value) -> properties.put(name, String.valueOf(value.get())));
		String shared = properties.get("spring.flyway.schemas");
		String schema = shared + "_checksums";
		return new Database(properties.get("spring.datasource.url").replace("currentSchema=" + shared,
				"currentSchema=" + schema), properties.get("spring.datasource.username"),
				properties.get("spring.datasource.password"), schema);
	}

	private record Database(String url, String user, String password, String schema) {

		String[] schemas() {
			return schema == null ? new String[0] : new String[] { schema };
		}

		String historyTable() {
			return schema == null ? "\"flyway_schema_history\"" : "\"" + schema + "\".\"flyway_schema_history\"";
		}

		void execute(String sql) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		int queryInt(String sql) {
			try (Connection connection = connect();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(sql)) {
				assertThat(rows.next()).as("a row for " + sql).isTrue();
				return rows.getInt(1);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void dropSchema() {
			execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
		}

		private Connection connect() throws SQLException {
			return user == null || user.isEmpty() ? DriverManager.getConnection(url)
					: DriverManager.getConnection(url, user, password);
		}

	}

}
