package dev.lrtune.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import dev.lrtune.db.PooledIds;

import dev.lrtune.study.StudyRows.RunRow;
import dev.lrtune.study.StudyRows.RungRow;
import dev.lrtune.study.StudyRows.StudyRow;

/** The {@code studies}, {@code study_candidates}, {@code study_runs} and {@code study_rungs} tables. Callers own the transactions. */
@Repository
class Studies {

	private static final String COLUMNS = "id, status, request, objective, range_test_job_id, recommendation, rung, "
			+ "created_at, finished_at, error, runner";

	/** Ids per sequence call; equals the sequence's INCREMENT BY in V6__studies.sql. */
	private static final int ID_BLOCK = 50;

	private static final RowMapper<StudyRow> STUDIES = (rs, row) -> new StudyRow(rs.getLong("id"),
			StudyStatus.of(rs.getString("status")), rs.getString("request"), Objective.of(rs.getString("objective")),
			rs.getObject("range_test_job_id", Long.class),
			rs.getString("recommendation"), rs.getInt("rung"), instant(rs, "created_at"), instant(rs, "finished_at"), rs.getString("error"),
			rs.getString("runner"));

	private static final RowMapper<RungRow> RUNGS = (rs, row) -> new RungRow(rs.getInt("rung"), rs.getInt("candidate"),
			rs.getInt("ordinal"), rs.getLong("iteration"), rs.getObject("ranked", Double.class), rs.getBoolean("promoted"),
			instant(rs, "judged_at"));

	private static final RowMapper<RunRow> RUNS = (rs, row) -> new RunRow(rs.getInt("candidate"), rs.getInt("rung"),
			rs.getLong("job_id"), rs.getLong("iterations"), rs.getString("schedule"), rs.getString("outcome"),
			rs.getObject("validation_loss", Double.class), rs.getObject("best_validation_loss", Double.class),
			rs.getObject("best_iteration", Long.class), rs.getObject("reached", Long.class));

	private final JdbcTemplate jdbc;

	private final PooledIds idBlocks;

	Studies(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.idBlocks = new PooledIds(jdbc, "studies_seq", ID_BLOCK);
	}

	/** A fresh id from a block of {@value #ID_BLOCK} taken from {@code studies_seq}. */
	long nextId() {
		return idBlocks.next();
	}

	void insert(long id, String request, Objective objective, int rung, String runner, Instant now) {
		jdbc.update("INSERT INTO studies (id, status, request, objective, rung, runner, created_at) "
				+ "VALUES (?, 'running', ?, ?, ?, ?, ?)", id, request, objective.jsonName(), rung, runner, time(now));
	}

	void setRecommendation(long id, String recommendation) {
		jdbc.update("UPDATE studies SET recommendation = ? WHERE id = ?", recommendation, id);
	}

	void setRangeTestJob(long id, long jobId) {
		jdbc.update("UPDATE studies SET range_test_job_id = ? WHERE id = ?", jobId, id);
	}

	Optional<StudyRow> find(long id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM studies WHERE id = ?", STUDIES, id).stream().findFirst();
	}

	List<StudyRow> list(int page, int size) {
		return jdbc.query("SELECT " + COLUMNS + " FROM studies ORDER BY created_at DESC, id DESC "
				+ "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", STUDIES, (long) page * size, size);
	}

	long count() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM studies", Long.class);
	}

	/** The running studies, oldest first. */
	List<Long> running() {
		return jdbc.queryForList("SELECT id FROM studies WHERE status = 'running' ORDER BY id", Long.class);
	}

	/**
	 * Locks a running study for this transaction; empty when it is no longer running or another transaction (on
	 * any instance) holds it, which then advances it.
	 */
	Optional<StudyRow> lockRunning(long id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM studies WHERE id = ? AND status = 'running' FOR UPDATE SKIP LOCKED",
				STUDIES, id).stream().findFirst();
	}

	/** Locks a study for this transaction, waiting for another holder (a cancel must not be skipped). */
	Optional<StudyRow> lock(long id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM studies WHERE id = ? FOR UPDATE", STUDIES, id).stream().findFirst();
	}

	void setRung(long id, int rung) {
		jdbc.update("UPDATE studies SET rung = ? WHERE id = ?", rung, id);
	}

	void finish(long id, StudyStatus status, String error, Instant now) {
		jdbc.update("UPDATE studies SET status = ?, error = ?, finished_at = ? WHERE id = ?", status.jsonName(), error, time(now),
				id);
	}

	void insertCandidate(long studyId, int candidate, String schedule) {
		jdbc.update("INSERT INTO study_candidates (study_id, candidate, schedule) VALUES (?, ?, ?)", studyId, candidate,
				schedule);
	}

	/** The candidates' schedules (JSON), in candidate order. */
	List<String> candidates(long studyId) {
		return jdbc.queryForList("SELECT schedule FROM study_candidates WHERE study_id = ? ORDER BY candidate",
				String.class, studyId);
	}

	void insertRun(long studyId, int candidate, int rung, long jobId, long iterations, String schedule) {
		jdbc.update("INSERT INTO study_runs (study_id, candidate, rung, job_id, iterations, schedule) "
				+ "VALUES (?, ?, ?, ?, ?, ?)", studyId, candidate, rung, jobId, iterations, schedule);
	}

	/** Every run of a study, by candidate then rung. */
	List<RunRow> runs(long studyId) {
		return jdbc.query("SELECT candidate, rung, job_id, iterations, schedule, outcome, validation_loss, "
				+ "best_validation_loss, best_iteration, reached FROM study_runs "
				+ "WHERE study_id = ? ORDER BY candidate, rung", RUNS, studyId);
	}

	/** Records how a run's job ended, when its rung is closed. */
	void closeRun(long studyId, TrialOutcome outcome) {
		jdbc.update("UPDATE study_runs SET outcome = ?, validation_loss = ?, best_validation_loss = ?, best_iteration = ?, "
				+ "reached = ? WHERE study_id = ? AND candidate = ? AND rung = ?", outcome.status().jsonName(),
				outcome.validationLoss(), outcome.bestValidationLoss(), outcome.bestIteration(), outcome.reached(), studyId,
				outcome.candidate(), outcome.rung());
	}

	/** The candidate whose trial is that job; empty when the job is none of the study's trials. */
	Optional<Integer> candidateOf(long studyId, long jobId) {
		return jdbc.queryForList("SELECT candidate FROM study_runs WHERE study_id = ? AND job_id = ?", Integer.class,
				studyId, jobId).stream().findFirst();
	}

	/** Every judgement of a study's client-run trials, by rung, then in the order they were made. */
	List<RungRow> rungs(long studyId) {
		return jdbc.query("SELECT rung, candidate, ordinal, iteration, ranked, promoted, judged_at FROM study_rungs "
				+ "WHERE study_id = ? ORDER BY rung, ordinal", RUNGS, studyId);
	}

	/** Records a judgement; call holding the study's row lock, which makes the ordinal the next at the rung. */
	void insertRung(long studyId, RungRow judged) {
		jdbc.update("INSERT INTO study_rungs (study_id, rung, candidate, ordinal, iteration, ranked, promoted, judged_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", studyId, judged.rung(), judged.candidate(), judged.ordinal(),
				judged.iteration(), judged.value(), judged.promoted(), time(judged.judgedAt()));
	}

	private static OffsetDateTime time(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

}
