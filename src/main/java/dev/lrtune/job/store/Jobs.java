package dev.lrtune.job.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import dev.lrtune.db.PooledIds;
import dev.lrtune.db.SqlPart;
import dev.lrtune.db.UpdateReturning;
import dev.lrtune.job.queue.Lease;
import dev.lrtune.job.JobType;
import dev.lrtune.job.JobStatus;

/**
 * The {@code jobs} table, which is also the queue. Every statement a worker runs on a job it claimed is
 * conditional on its {@link Lease} ({@code worker}, {@code attempt}, status {@code running}) and reports
 * whether it still held it. Callers own the transactions. Every write that changes what a job's view shows tells
 * {@link JobChanges} once it has run (the job views, which serve it again after the transaction ends).
 */
@Repository
public class Jobs {

	static final String COLUMNS = "id, type, status, request, dataset, total_iterations, iteration, attempt, worker, "
			+ "lease_until, cancel_requested, created_at, started_at, progress_at, finished_at, result, error, study_id, "
			+ "runner, name, tags, params, stop_reason";

	/** Ids per sequence call; equals the sequence's INCREMENT BY in V2__jobs.sql. */
	private static final int ID_BLOCK = 50;

	private static final String HOLDS_LEASE = " WHERE id = ? AND worker = ? AND attempt = ? AND status = 'running'";

	private static final RowMapper<JobRow> ROWS = Jobs::map;

	/**
	 * Marks the oldest queued job running under a fresh lease; the placeholder takes the row lock clause. The oldest
	 * queued job. Ordered by the whole index {@code jobs_status_created} ({@code status} first, though it is
	 * fixed here): H2 reads the first entry of the index only then, and otherwise reads and sorts every queued row on
	 * each claim (a claim's cost grew with the queue's length); PostgreSQL reads the index either way.
	 */
	private static final String CLAIM = "UPDATE jobs SET status = 'running', worker = ?, attempt = attempt + 1, "
			+ "lease_until = ?, started_at = ?, progress_at = ?, iteration = 0 WHERE status = 'queued' AND id = "
			+ "(SELECT id FROM jobs WHERE status = 'queued' ORDER BY status, created_at, id FETCH FIRST 1 ROWS ONLY%s)";

	/** Ends a run whose lease is held; the arguments are {@link #finishArgs}. */
	private static final String FINISH = "UPDATE jobs SET status = CASE WHEN cancel_requested AND ? THEN "
			+ "'cancelled' ELSE ? END, iteration = CASE WHEN cancel_requested AND ? THEN ? ELSE ? END, result = ?, "
			+ "error = ?, finished_at = ?, progress_at = ?, lease_until = NULL" + HOLDS_LEASE;

	/** A queued job, inserted from a row of the table that follows it. */
	private static final String INSERT_QUEUED = "INSERT INTO jobs (id, type, status, request, dataset, total_iterations, "
			+ "iteration, attempt, cancel_requested, created_at, study_id, name, tags, params) SELECT CAST(? AS BIGINT), "
			+ "CAST(? AS VARCHAR), 'queued', CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT), 0, 0, FALSE, "
			+ "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS VARCHAR), "
			+ "CAST(? AS VARCHAR) FROM ";

	private final JdbcTemplate jdbc;

	private final UpdateReturning returning;

	/** This instance's claims on H2 take turns, see {@link #claim}. */
	private final ReentrantLock h2Claims = new ReentrantLock();

	private final JobChanges views;

	private final PooledIds idBlocks;

	Jobs(JdbcTemplate jdbc, JobChanges views) {
		this.jdbc = jdbc;
		this.idBlocks = new PooledIds(jdbc, "jobs_seq", ID_BLOCK);
		this.returning = new UpdateReturning(jdbc);
		this.views = views;
	}

	/** Whether the database is PostgreSQL (else H2). */
	public boolean postgres() {
		return returning.postgres();
	}

	/** A fresh id from a block of {@value #ID_BLOCK} taken from {@code jobs_seq}. */
	public long nextId() {
		return idBlocks.next();
	}

	/**
	 * Serialises job submissions across instances until the transaction ends, so that counting the queue and
	 * inserting into it act as one step.
	 */
	public void lockSubmissions() {
		jdbc.queryForObject("SELECT id FROM job_submission_lock WHERE id = 1 FOR UPDATE", Integer.class);
	}

	/**
	 * Stores {@code job}, a queued server job, with {@code tagPairs} (its tags again, for {@code GET /jobs?tag=}), unless
	 * {@code maxQueued} jobs are queued already. Call inside a transaction: until it ends, the submission lock's row
	 * stays locked, and concurrent submissions, on any instance, wait for it, so they cannot go past {@code maxQueued}
	 * together.
	 *
	 * <p>On PostgreSQL one statement takes the row and adds one to its {@code queued_bound}, an upper bound on the
	 * queued jobs (see V12__queued_bound.sql), and inserts the job only while that bound is below {@code maxQueued}: the
	 * queue is not counted. A submitter that waited for the row sees the bound its previous holder committed (the
	 * {@code UPDATE} re-reads a row it waited for). Once the bound reaches {@code maxQueued}, and on H2 always, the
	 * submission takes the lock, counts the queue and inserts in one statement, whose snapshot (taken after the lock)
	 * sees every submission that held the lock before; on PostgreSQL the bound is then set to the count.
	 * @return whether the job was stored (else the queue is full and nothing was written)
	 */
	public boolean insertIfRoom(JobRow job, Map<String, String> tagPairs, int maxQueued) {
		boolean inserted = returning.postgres() && insertBelowBound(job, maxQueued) || insertCounted(job, maxQueued);
		if (!inserted) {
			return false;
		}
		insertTags(job.id(), tagPairs);
		return true;
	}

	/**
	 * PostgreSQL: the bound on the queued jobs raised and {@code job} inserted in one statement, if the bound is below
	 * {@code maxQueued} (then the queue has room); false, with nothing written, once it is not (then the queue may still
	 * have room: {@link #insertIfRoom} counts it). Atomic on its own, outside a transaction too; a job with tags needs
	 * {@link #insertIfRoom}.
	 */
	public boolean insertBelowBound(JobRow job, int maxQueued) {
		List<Object> args = new ArrayList<>(List.of(maxQueued));
		args.addAll(queuedValues(job));
		return jdbc.update("WITH room AS (UPDATE job_submission_lock SET queued_bound = queued_bound + 1 WHERE id = 1 "
				+ "AND queued_bound < ? RETURNING id) " + INSERT_QUEUED + "room", args.toArray()) == 1;
	}

	/** The lock taken, the queue counted and the job inserted; on PostgreSQL the bound set to the count. */
	private boolean insertCounted(JobRow job, int maxQueued) {
		lockSubmissions();
		List<Object> args = new ArrayList<>(queuedValues(job));
		args.add(maxQueued);
		int inserted = jdbc.update(INSERT_QUEUED + "job_submission_lock WHERE id = 1 "
				+ "AND (SELECT COUNT(*) FROM jobs WHERE status = 'queued') < ?", args.toArray());
		if (inserted == 1 && returning.postgres()) {
			jdbc.update("UPDATE job_submission_lock SET queued_bound = (SELECT COUNT(*) FROM jobs WHERE status = 'queued') "
					+ "WHERE id = 1");
		}
		return inserted == 1;
	}

	/** {@link #INSERT_QUEUED}'s values for {@code job}, in its order (some may be null). */
	private static List<Object> queuedValues(JobRow job) {
		return Arrays.asList(job.id(), job.type().jsonName(), job.request(), job.dataset(), job.totalIterations(),
				time(job.createdAt()), job.studyId(), job.name(), job.tags(), job.params());
	}

	/**
	 * PostgreSQL: a job went back to the queue without a submission, so the bound on the queued jobs goes up by one
	 * (taking the submission lock's row until the transaction ends).
	 */
	private void queuedAgain() {
		if (returning.postgres()) {
			jdbc.update("UPDATE job_submission_lock SET queued_bound = queued_bound + 1 WHERE id = 1");
		}
	}

	/**
	 * Gives a job just inserted its name, tags and params ({@code tags} and {@code params} as JSON, {@code tagPairs} the
	 * same tags again for {@code GET /jobs?tag=}).
	 */
	public void label(long id, String name, String tags, String params, Map<String, String> tagPairs) {
		jdbc.update("UPDATE jobs SET name = ?, tags = ?, params = ? WHERE id = ?", name, tags, params, id);
		insertTags(id, tagPairs);
	}

	private void insertTags(long id, Map<String, String> tagPairs) {
		if (!tagPairs.isEmpty()) {
			List<Map.Entry<String, String>> pairs = List.copyOf(tagPairs.entrySet());
			jdbc.batchUpdate("INSERT INTO job_tags (job_id, tag_key, tag_value) VALUES (?, ?, ?)", pairs, pairs.size(),
					(ps, pair) -> {
						ps.setLong(1, id);
						ps.setString(2, pair.getKey());
						ps.setString(3, pair.getValue());
					});
		}
	}

	/** The job, its row locked until the transaction ends (concurrent writers to it, on any instance, wait). */
	public Optional<JobRow> lock(long id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM jobs WHERE id = ? FOR UPDATE", ROWS, id).stream().findFirst();
	}

	public Optional<JobRow> find(long id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", ROWS, id).stream().findFirst();
	}

	/** The most ids one {@link #statuses} statement lists; more are read in several. */
	static final int MAX_IDS_PER_STATEMENT = 500;

	/**
	 * The statuses of these jobs, in as few statements as the ids need (one for up to {@value #MAX_IDS_PER_STATEMENT});
	 * a job that does not exist (deleted) is absent from the answer.
	 */
	public Map<Long, JobStatus> statuses(Collection<Long> ids) {
		Map<Long, JobStatus> statuses = new HashMap<>();
		List<Long> all = List.copyOf(ids);
		for (int from = 0; from < all.size(); from += MAX_IDS_PER_STATEMENT) {
			List<Long> chunk = all.subList(from, Math.min(all.size(), from + MAX_IDS_PER_STATEMENT));
			jdbc.query("SELECT id, status FROM jobs WHERE id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
					+ ")", (RowCallbackHandler) rs -> statuses.put(rs.getLong(1), JobStatus.of(rs.getString(2))),
					chunk.toArray());
		}
		return statuses;
	}

	/** A page of jobs, newest first, optionally of one status, type and study. */
	public List<JobRow> list(JobStatus status, JobType type, Long studyId, int page, int size) {
		return list(JobFilter.of(status, type, studyId), page, size);
	}

	/** A page of the jobs that pass {@code filters}, newest first. */
	public List<JobRow> list(JobFilter filters, int page, int size) {
		Filter filter = new Filter(filters);
		List<Object> args = new ArrayList<>(filter.args);
		args.add((long) page * size);
		args.add(size);
		return jdbc.query("SELECT " + COLUMNS + " FROM jobs" + filter.where
				+ " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ROWS, args.toArray());
	}

	public long count(JobStatus status, JobType type, Long studyId) {
		return count(JobFilter.of(status, type, studyId));
	}

	public long count(JobFilter filters) {
		Filter filter = new Filter(filters);
		return jdbc.queryForObject("SELECT COUNT(*) FROM jobs" + filter.where, Long.class, filter.args.toArray());
	}

	/** How many jobs there are of each status (statuses without jobs are absent). */
	public Map<JobStatus, Long> countByStatus() {
		Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
		jdbc.query("SELECT status, COUNT(*) FROM jobs GROUP BY status",
				(RowCallbackHandler) rs -> counts.put(JobStatus.of(rs.getString(1)), rs.getLong(2)));
		return counts;
	}

	/** Every job of a study, oldest first. */
	public List<JobRow> ofStudy(long studyId) {
		return jdbc.query("SELECT " + COLUMNS + " FROM jobs WHERE study_id = ? ORDER BY id", ROWS, studyId);
	}

	/** The studies that have a queued or running job. */
	public Set<Long> studiesWithActiveJobs() {
		return new HashSet<>(jdbc.queryForList("SELECT DISTINCT study_id FROM jobs WHERE study_id IS NOT NULL "
				+ "AND (status = 'queued' OR status = 'running')", Long.class));
	}

	/** The queued and running jobs that use this dataset reference, as "job 42 is running", oldest first. */
	public List<String> activeUses(String reference) {
		return jdbc.query("SELECT id, status FROM jobs WHERE dataset = ? AND (status = 'queued' OR status = 'running') "
				+ "ORDER BY id", (rs, row) -> "job " + rs.getLong(1) + " is " + rs.getString(2), reference);
	}

	/**
	 * Claims the oldest queued job for {@code worker}: one statement marks it running with a fresh lease and the next
	 * attempt number and answers its row, so that outside a transaction a claim is one round trip. Its status
	 * condition means a job is claimed once whatever runs concurrently. On PostgreSQL the oldest row is locked
	 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers on any instance take different rows and never wait on
	 * each other. H2 applies {@code FETCH FIRST} before skipping locked rows (a claimer would find nothing while
	 * another holds the oldest), so there this instance's claims take turns instead: an embedded H2 database has no
	 * other process.
	 */
	public Optional<JobRow> claim(String worker, Instant now, Instant leaseUntil) {
		if (returning.postgres()) {
			return claimOldest(" FOR UPDATE SKIP LOCKED", worker, now, leaseUntil);
		}
		h2Claims.lock();
		try {
			return claimOldest("", worker, now, leaseUntil);
		}
		finally {
			h2Claims.unlock();
		}
	}

	private Optional<JobRow> claimOldest(String rowLock, String worker, Instant now, Instant leaseUntil) {
		Optional<JobRow> claimed = returning.query(CLAIM.formatted(rowLock), COLUMNS, ROWS, worker, time(leaseUntil),
				time(now), time(now)).stream().findFirst();
		claimed.ifPresent(job -> views.changed(job.id()));
		return claimed;
	}

	/**
	 * Renews the lease and records progress, in one statement that also answers whether a cancel was asked; empty
	 * when the lease is no longer held.
	 */
	public Optional<Boolean> heartbeat(Lease lease, long iteration, Instant now, Instant leaseUntil) {
		Optional<Boolean> cancelRequested = returning.query("UPDATE jobs SET iteration = ?, progress_at = ?, lease_until = ?"
				+ HOLDS_LEASE, "cancel_requested", (rs, row) -> rs.getBoolean(1), iteration, time(now), time(leaseUntil),
				lease.jobId(), lease.worker(), lease.attempt()).stream().findFirst();
		views.changed(lease.jobId());
		return cancelRequested;
	}

	/** Renews the lease only; false when it is no longer held. */
	public boolean renew(Lease lease, Instant leaseUntil) {
		return jdbc.update("UPDATE jobs SET lease_until = ?" + HOLDS_LEASE, time(leaseUntil), lease.jobId(),
				lease.worker(), lease.attempt()) == 1;
	}

	/** Whether the database answers a trivial query now (within the pool's connection timeout). */
	public boolean databaseAnswers() {
		try {
			jdbc.queryForObject("SELECT 1", Integer.class);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Ends a run in one statement; empty when the lease is no longer held (then nothing changed), else the status
	 * stored. A run that succeeded is stored {@code cancelled}, with {@code cancelledIteration} as its progress, when a
	 * cancel was accepted before it ended that its worker never saw (it came between the claim and the run's
	 * registration, or on another instance, after the last flush).
	 */
	public Optional<JobStatus> finish(Lease lease, JobStatus status, long iteration, long cancelledIteration, String result,
			String error, Instant now) {
		return finish(lease, status, iteration, cancelledIteration, result, error, now, null);
	}

	/**
	 * {@link #finish(Lease, JobStatus, long, long, String, String, Instant)} on PostgreSQL with {@code then}, clauses of a
	 * {@code WITH} that read the finished row from the clause {@code finished} (such as a curve's last points, see
	 * {@code Curves.appendAfter}), in the same statement: one round trip, atomic without a transaction.
	 */
	public Optional<JobStatus> finish(Lease lease, JobStatus status, long iteration, long cancelledIteration, String result,
			String error, Instant now, SqlPart then) {
		List<Object> args = finishArgs(lease, status, iteration, cancelledIteration, result, error, now);
		String sql;
		if (then == null) {
			sql = returning.sql(FINISH, "status");
		}
		else {
			sql = "WITH finished AS (" + FINISH + " RETURNING status)" + then.sql() + " SELECT status FROM finished";
			args.addAll(then.args());
		}
		Optional<JobStatus> stored = jdbc.query(sql, (rs, row) -> JobStatus.of(rs.getString(1)), args.toArray())
			.stream().findFirst();
		views.changed(lease.jobId());
		return stored;
	}

	/**
	 * PostgreSQL: {@link #finish(Lease, JobStatus, long, long, String, String, Instant, SqlPart)}, and in the same
	 * statement the {@link #claim} of the oldest queued job for {@code worker}, so that a worker that ends a job and
	 * goes on to the next makes one round trip and one commit for both. The claim does not depend on the end: a
	 * worker that lost its lease still claims. Its row lock is {@code FOR UPDATE SKIP LOCKED}, as a claim's.
	 */
	public FinishedAndClaimed finishAndClaim(Lease lease, JobStatus status, long iteration, long cancelledIteration,
			String result, String error, Instant now, SqlPart then, String worker, Instant leaseUntil) {
		List<Object> args = finishArgs(lease, status, iteration, cancelledIteration, result, error, now);
		args.addAll(then.args());
		args.addAll(Arrays.asList(worker, time(leaseUntil), time(now), time(now)));
		String sql = "WITH finished AS (" + FINISH + " RETURNING status)" + then.sql() + ", claimed AS ("
				+ CLAIM.formatted(" FOR UPDATE SKIP LOCKED") + " RETURNING " + COLUMNS + ") SELECT (SELECT status FROM "
				+ "finished) AS finished_status, claimed.* FROM (VALUES (1)) AS one LEFT JOIN claimed ON TRUE";
		FinishedAndClaimed answer = jdbc.queryForObject(sql, (rs, row) -> new FinishedAndClaimed(
				Optional.ofNullable(JobStatus.of(rs.getString("finished_status"))),
				rs.getObject("id") == null ? Optional.empty() : Optional.of(map(rs, row))), args.toArray());
		views.changed(lease.jobId());
		answer.claimed().ifPresent(job -> views.changed(job.id()));
		return answer;
	}

	/**
	 * @param finished the status stored, empty when the lease was no longer held
	 * @param claimed the job claimed next, empty when none was queued
	 */
	public record FinishedAndClaimed(Optional<JobStatus> finished, Optional<JobRow> claimed) {
	}

	private static List<Object> finishArgs(Lease lease, JobStatus status, long iteration, long cancelledIteration,
			String result, String error, Instant now) {
		boolean cancellable = status == JobStatus.SUCCEEDED;
		return new ArrayList<>(Arrays.asList(cancellable, status.jsonName(), cancellable, cancelledIteration, iteration,
				result, error, time(now), time(now), lease.jobId(), lease.worker(), lease.attempt()));
	}

	/**
	 * Gives a claimed job back to the queue as if it had never started (a graceful shutdown); the attempt
	 * does not count. False when the lease is no longer held.
	 */
	public boolean release(Lease lease) {
		boolean released = changed(lease.jobId(), jdbc.update("UPDATE jobs SET status = 'queued', attempt = attempt - 1, "
				+ "worker = NULL, lease_until = NULL, started_at = NULL, progress_at = NULL, iteration = 0" + HOLDS_LEASE,
				lease.jobId(), lease.worker(), lease.attempt()));
		if (released) {
			queuedAgain();
		}
		return released;
	}

	/** A queued job becomes cancelled; false when it was not queued. */
	public boolean cancelQueued(long id, Instant now) {
		return changed(id, jdbc.update(
				"UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'", time(now), id));
	}

	/** Asks a running job to stop at its next flush; false when it was not running. */
	public boolean requestCancel(long id) {
		return jdbc.update("UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND status = 'running'", id) == 1;
	}

	/** Deletes a finished job (its curve goes with it); false when it is queued, running or unknown. */
	public boolean deleteTerminal(long id) {
		return changed(id,
				jdbc.update("DELETE FROM jobs WHERE id = ? AND status <> 'queued' AND status <> 'running'", id));
	}

	/**
	 * Running server jobs whose lease ended before {@code now}, locked for this transaction (others skip them). A
	 * client-run job's lease is the client's, see {@code ClientRuns}.
	 */
	public List<JobRow> lockExpired(Instant now) {
		return jdbc.query("SELECT " + COLUMNS + " FROM jobs WHERE status = 'running' AND runner = 'server' AND lease_until < ? "
				+ "ORDER BY id FOR UPDATE SKIP LOCKED", ROWS, time(now));
	}

	/** Puts a locked job whose lease expired back in the queue for its next attempt. */
	public void requeue(long id) {
		jdbc.update("UPDATE jobs SET status = 'queued', worker = NULL, lease_until = NULL, started_at = NULL, "
				+ "progress_at = NULL, iteration = 0 WHERE id = ?", id);
		queuedAgain();
		views.changed(id);
	}

	/** Ends a locked job whose lease expired for good. */
	public void abandon(long id, JobStatus status, String error, Instant now) {
		jdbc.update("UPDATE jobs SET status = ?, error = ?, finished_at = ?, lease_until = NULL WHERE id = ?",
				status.jsonName(), error, time(now), id);
		views.changed(id);
	}

	/** Tells the views of a write to job {@code id} that changed {@code rows} rows; whether it changed one. */
	private boolean changed(long id, int rows) {
		views.changed(id);
		return rows == 1;
	}

	private static OffsetDateTime time(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	private static JobRow map(ResultSet rs, int row) throws SQLException {
		return new JobRow(rs.getLong("id"), JobType.of(rs.getString("type")), JobStatus.of(rs.getString("status")),
				rs.getString("request"), rs.getString("dataset"), rs.getLong("total_iterations"), rs.getLong("iteration"),
				rs.getInt("attempt"), rs.getString("worker"), instant(rs, "lease_until"), rs.getBoolean("cancel_requested"),
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "progress_at"),
				instant(rs, "finished_at"), rs.getString("result"), rs.getString("error"),
				rs.getObject("study_id", Long.class), Runner.of(rs.getString("runner")), rs.getString("name"),
				rs.getString("tags"), rs.getString("params"), rs.getString("stop_reason"));
	}

	/** {@code text} matched literally by LIKE (with {@code ESCAPE '\\'}). */
	private static String likeLiteral(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** A WHERE clause for the optional filters of {@code GET /jobs}. */
	private static final class Filter {

		final String where;

		final List<Object> args = new ArrayList<>();

		Filter(JobFilter filter) {
			List<String> conditions = new ArrayList<>();
			if (filter.status() != null) {
				conditions.add("status = ?");
				args.add(filter.status().jsonName());
			}
			if (filter.type() != null) {
				conditions.add("type = ?");
				args.add(filter.type().jsonName());
			}
			if (filter.studyId() != null) {
				conditions.add("study_id = ?");
				args.add(filter.studyId());
			}
			if (filter.runner() != null) {
				conditions.add("runner = ?");
				args.add(filter.runner().jsonName());
			}
			if (filter.name() != null) {
				conditions.add("LOWER(name) LIKE ? ESCAPE '\\'");
				args.add("%" + likeLiteral(filter.name().toLowerCase(Locale.ROOT)) + "%");
			}
			for (Map.Entry<String, String> tag : filter.tags()) {
				conditions.add("EXISTS (SELECT 1 FROM job_tags t WHERE t.job_id = jobs.id AND t.tag_key = ? AND t.tag_value = ?)");
				args.add(tag.getKey());
				args.add(tag.getValue());
			}
			where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		}

	}

}
