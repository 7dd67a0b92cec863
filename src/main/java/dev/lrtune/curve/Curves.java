package dev.lrtune.curve;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The stored curves: {@code curve_chunks} and {@code curve_validations}. Writes are JDBC batches and take
 * part in the caller's transaction, so a job runner can make them conditional on its lease; they invalidate the
 * {@link CurveCache} once it ends.
 */
@Repository
public class Curves {

	private final JdbcTemplate jdbc;

	private final CurveCache cache;

	Curves(JdbcTemplate jdbc, CurveCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/**
	 * Stores a batch, replacing the chunk an earlier flush wrote partially (and whatever a failed try of the same
	 * batch may have stored). Call inside a transaction.
	 */
	public void write(long jobId, CurveBatch batch) {
		List<CurveChunk> chunks = batch.chunks();
		if (!chunks.isEmpty()) {
			jdbc.update("DELETE FROM curve_chunks WHERE job_id = ? AND first_iteration >= ?", jobId,
					chunks.get(0).firstIteration());
			jdbc.batchUpdate("INSERT INTO curve_chunks (job_id, first_iteration, point_count, lr, loss, momentum, "
					+ "summary) VALUES (?, ?, ?, ?, ?, ?, ?)", chunks, chunks.size(), (ps, chunk) -> bindChunk(ps, jobId, chunk));
		}
		List<ValidationPoint> validations = batch.validations();
		if (!validations.isEmpty()) {
			// a batch written again (after a commit whose answer was lost with the connection) replaces itself
			jdbc.update("DELETE FROM curve_validations WHERE job_id = ? AND iteration >= ?", jobId,
					validations.get(0).iteration());
			jdbc.batchUpdate("INSERT INTO curve_validations (job_id, iteration, loss, accuracy) VALUES (?, ?, ?, ?)",
					validations, validations.size(), (ps, point) -> {
						ps.setLong(1, jobId);
						ps.setLong(2, point.iteration());
						setFiniteOrNull(ps, 3, point.loss());
						setFiniteOrNull(ps, 4, point.accuracy());
					});
		}
		cache.changed(jobId);
	}

	/** Removes a job's whole curve (a job re-run from the start). */
	public void deleteAll(long jobId) {
		jdbc.update("DELETE FROM curve_chunks WHERE job_id = ?", jobId);
		jdbc.update("DELETE FROM curve_validations WHERE job_id = ?", jobId);
		cache.changed(jobId);
	}

	/** How many iterations are stored; they are always iterations 0…n−1. */
	public long pointCount(long jobId) {
		Long count = jdbc.queryForObject(
				"SELECT MAX(first_iteration + point_count) FROM curve_chunks WHERE job_id = ?", Long.class, jobId);
		return count == null ? 0 : count;
	}

	/** The points of iterations {@code from…to} (inclusive; both within {@code 0…pointCount−1}). */
	RawCurve read(long jobId, long from, long to) {
		int n = Math.toIntExact(to - from + 1);
		double[] lr = new double[n];
		double[] loss = new double[n];
		double[][] momentum = { null };
		jdbc.query("SELECT first_iteration, point_count, lr, loss, momentum FROM curve_chunks "
				+ "WHERE job_id = ? AND first_iteration <= ? AND first_iteration + point_count > ? ORDER BY first_iteration",
				(ResultSet rs) -> {
					long first = rs.getLong(1);
					int count = rs.getInt(2);
					byte[] moments = rs.getBytes(5);
					if (moments != null && momentum[0] == null) {
						momentum[0] = new double[n];
					}
					long lo = Math.max(from, first);
					long hi = Math.min(to, first + count - 1);
					int srcPos = (int) (lo - first);
					int dstPos = (int) (lo - from);
					int length = (int) (hi - lo + 1);
					System.arraycopy(CurveChunk.decode(rs.getBytes(3)), srcPos, lr, dstPos, length);
					System.arraycopy(CurveChunk.decode(rs.getBytes(4)), srcPos, loss, dstPos, length);
					if (moments != null) {
						System.arraycopy(CurveChunk.decode(moments), srcPos, momentum[0], dstPos, length);
					}
				}, jobId, to, from);
		return new RawCurve(from, lr, loss, momentum[0]);
	}

	/**
	 * Downsamples iterations {@code from…to} with {@link SummaryDownsampling}: the chunks' summaries, and the
	 * points themselves only of the chunks at either end of the range (and of chunks stored without a summary).
	 */
	CurvePoints readSummarised(long jobId, long from, long to, int maxPoints) {
		SummaryDownsampling picks = new SummaryDownsampling(from, to, maxPoints);
		boolean[] withMomentum = { false };
		jdbc.query("SELECT first_iteration, point_count, momentum IS NULL, summary, "
				+ "CASE WHEN summary IS NULL OR first_iteration <= ? OR first_iteration + point_count > ? THEN lr END, "
				+ "CASE WHEN summary IS NULL OR first_iteration <= ? OR first_iteration + point_count > ? THEN loss END, "
				+ "CASE WHEN summary IS NULL OR first_iteration <= ? OR first_iteration + point_count > ? THEN momentum END "
				+ "FROM curve_chunks WHERE job_id = ? AND first_iteration <= ? AND first_iteration + point_count > ? "
				+ "ORDER BY first_iteration", (ResultSet rs) -> {
					long first = rs.getLong(1);
					int count = rs.getInt(2);
					withMomentum[0] |= !rs.getBoolean(3);
					byte[] lr = rs.getBytes(5);
					if (lr == null) {
						ChunkSummary.visit(first, rs.getBytes(4), picks);
					}
					else {
						byte[] moments = rs.getBytes(7);
						visitRaw(new CurveChunk(first, count, CurveChunk.decode(lr), CurveChunk.decode(rs.getBytes(6)),
								moments == null ? null : CurveChunk.decode(moments)), from, to, picks);
					}
				}, from, to, from, to, from, to, jobId, to, from);
		return picks.result(withMomentum[0]);
	}

	/** The range's first and last points when the chunk holds them, and the extremes of its blocks within the range. */
	private static void visitRaw(CurveChunk chunk, long from, long to, ChunkSummary.Visitor visitor) {
		long first = chunk.firstIteration();
		int lo = (int) Math.max(0, from - first);
		int hi = (int) Math.min(chunk.count() - 1, to - first);
		visit(chunk, lo, visitor);
		for (int start = lo; start <= hi; start = (start / ChunkSummary.BLOCK + 1) * ChunkSummary.BLOCK) {
			int end = Math.min(hi + 1, (start / ChunkSummary.BLOCK + 1) * ChunkSummary.BLOCK);
			int[] lowHigh = ChunkSummary.extremes(chunk.loss(), start, end);
			visit(chunk, Math.min(lowHigh[0], lowHigh[1]), visitor);
			visit(chunk, Math.max(lowHigh[0], lowHigh[1]), visitor);
		}
		visit(chunk, hi, visitor);
	}

	private static void visit(CurveChunk chunk, int offset, ChunkSummary.Visitor visitor) {
		visitor.point(chunk.firstIteration() + offset, chunk.lr()[offset], chunk.loss()[offset],
				chunk.momentum() == null ? Double.NaN : chunk.momentum()[offset]);
	}

	/** The evaluations at iterations {@code from…to}, in order. */
	List<ValidationPoint> validations(long jobId, long from, long to) {
		List<ValidationPoint> points = new ArrayList<>();
		jdbc.query("SELECT iteration, loss, accuracy FROM curve_validations "
				+ "WHERE job_id = ? AND iteration BETWEEN ? AND ? ORDER BY iteration", (ResultSet rs) -> {
					points.add(new ValidationPoint(rs.getLong(1), doubleOrNaN(rs, 2), doubleOrNaN(rs, 3)));
				}, jobId, from, to);
		return points;
	}

	private static void bindChunk(PreparedStatement ps, long jobId, CurveChunk chunk) throws SQLException {
		ps.setLong(1, jobId);
		ps.setLong(2, chunk.firstIteration());
		ps.setInt(3, chunk.count());
		ps.setBytes(4, CurveChunk.encode(chunk.lr(), chunk.count()));
		ps.setBytes(5, CurveChunk.encode(chunk.loss(), chunk.count()));
		if (chunk.momentum() == null) {
			ps.setNull(6, Types.BINARY);
		}
		else {
			ps.setBytes(6, CurveChunk.encode(chunk.momentum(), chunk.count()));
		}
		ps.setBytes(7, ChunkSummary.encode(chunk));
	}

	private static void setFiniteOrNull(PreparedStatement ps, int index, double value) throws SQLException {
		if (Double.isFinite(value)) {
			ps.setDouble(index, value);
		}
		else {
			ps.setNull(index, Types.DOUBLE);
		}
	}

	private static double doubleOrNaN(ResultSet rs, int column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? Double.NaN : value;
	}

}
