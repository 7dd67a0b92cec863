package dev.lrtune.job;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The writes particular to client-run jobs, on the {@code jobs} table. Every write but the insert is conditional on the
 * job being a running client-run job, and tells {@link JobViews} of it. Callers own the transactions.
 */
@Repository
class ClientRunRows {

	private static final String RUNNING_CLIENT_RUN = " WHERE id = ? AND runner = 'client' AND status = 'running'";

	/** What a client-run job shows as its worker. */
	static final String WORKER = "client";

	private final JdbcTemplate jdbc;

	private final JobViews views;

	ClientRunRows(JdbcTemplate jdbc, JobViews views) {
		this.jdbc = jdbc;
		this.views = views;
	}

	/** A new client-run job, running at once under a lease that the client's posts renew. */
	void insertRunning(long id, JobType type, String request, long totalIterations, Long studyId, Instant now,
			Instant leaseUntil) {
		jdbc.update("INSERT INTO jobs (id, type, status, request, dataset, total_iterations, iteration, attempt, worker, "
				+ "lease_until, cancel_requested, created_at, started_at, progress_at, runner, study_id) "
				+ "VALUES (?, ?, 'running', ?, '', ?, 0, 1, ?, ?, FALSE, ?, ?, ?, 'client', ?)", id, type.jsonName(), request,
				totalIterations, WORKER, time(leaseUntil), time(now), time(now), time(now), studyId);
	}

	/** Records why a running client-run job is told to stop (a trial of a study that was pruned). */
	void stopped(long id, String stopReason) {
		jdbc.update("UPDATE jobs SET stop_reason = ?" + RUNNING_CLIENT_RUN, stopReason, id);
	}

	/** A post was stored: progress, a renewed lease and the stop decision so far. */
	void posted(long id, long storedPoints, String stopReason, Instant now, Instant leaseUntil) {
		jdbc.update("UPDATE jobs SET iteration = ?, stop_reason = ?, progress_at = ?, lease_until = ?" + RUNNING_CLIENT_RUN,
				storedPoints, stopReason, time(now), time(leaseUntil), id);
		views.changed(id);
	}

	/** Ends a running client-run job; false when it was not one (then nothing changed). */
	boolean end(long id, JobStatus status, String result, String error, Instant now) {
		int rows = jdbc.update("UPDATE jobs SET status = ?, result = ?, error = ?, finished_at = ?, lease_until = NULL"
				+ RUNNING_CLIENT_RUN, status.jsonName(), result, error, time(now), id);
		views.changed(id);
		return rows == 1;
	}

	/** Running client-run jobs whose lease passed before {@code now}, locked for this transaction (others skip them). */
	List<Long> lockExpired(Instant now) {
		return jdbc.queryForList("SELECT id FROM jobs WHERE runner = 'client' AND status = 'running' AND lease_until < ? "
				+ "ORDER BY id FOR UPDATE SKIP LOCKED", Long.class, time(now));
	}

	private static OffsetDateTime time(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
