package dev.lrtune.dataset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two reads of a dataset's row that every job on it makes (its shape when the job is submitted, its upload time
 * when a worker runs it), in plain JDBC. Through JPA they were the process's first HQL queries when no one had
 * listed or shown a dataset yet: the first job after a restart paid for Hibernate's query parser and its loaders
 * (about a second of CPU on a shared 2-core machine), and every job for loading the whole entity with its JSON
 * columns. Each is one statement, joining the caller's transaction when there is one, and sees complete datasets only
 * (see {@link DatasetWriter}).
 */
@Repository
class DatasetLookups {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	DatasetLookups(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** The dataset's shape, its row locked until the caller's transaction ends; empty when no dataset has this id. */
	Optional<DatasetShape> shapeForUse(long id) {
		return jdbc.query("SELECT row_count, feature_count, task, classes FROM datasets WHERE id = ? AND complete = TRUE"
				+ " FOR UPDATE",
				row -> row.next() ? Optional.of(new DatasetShape(row.getInt(1), row.getInt(2),
						TargetKind.valueOf(row.getString(3).toUpperCase(Locale.ROOT)), classCount(row.getString(4))))
						: Optional.<DatasetShape>empty(), id);
	}

	/** The dataset's upload time, as its entity holds it; empty when no dataset has this id. */
	Optional<Instant> uploadedAt(long id) {
		return jdbc.query("SELECT created_at FROM datasets WHERE id = ? AND complete = TRUE",
				row -> row.next() ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant())
						: Optional.<Instant>empty(), id);
	}

	/** The length of the JSON array of class labels. */
	private static int classCount(String classes) {
		return JSON.readValue(classes, new TypeReference<List<String>>() {
		}).size();
	}

}
