package dev.lrtune.curve;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.lrtune.db.DatabaseProduct;
import dev.lrtune.db.SqlPart;

/**
 * The stored curves: {@code curve_chunks} and {@code curve_validations}. Writes are JDBC batches and take
 * part in the caller's transaction, so a job runner can make them conditional on its lease; they invalidate the
 * {@link CurveCache} once it ends.
 */
@Repository
public class Curves {

	private static final String CHUNK_COLUMNS = "job_id, first_iteration, point_count, lr, loss, momentum, summary";

	private static final String VALIDATION_COLUMNS = "job_id, iteration, loss, accuracy";

	private final JdbcTemplate jdbc;

	private final CurveCache cache;

	private volatile UpsertSql upserts;

	Curves(JdbcTemplate jdbc, CurveCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/**
	 * Stores a batch, replacing the chunk an earlier flush wrote partially (and whatever a failed try of the same
	 * batch may have stored). Call inside a transaction.
	 */
	public void write(long jobId, CurveBatch batch) {
		write(jobId, batch, true);
	}

	/**
	 * {@link #write}, for a batch known to follow everything stored of the job (its first chunk starts after the last
	 * point stored, and it is not written again): nothing needs deleting first, which saves a statement per table.
	 */
	public void append(long jobId, CurveBatch batch) {
		write(jobId, batch, false);
	}

	/**
	 * The {@link #append} of {@code batch} as clauses of a {@code WITH}, each opening with a comma, that insert its rows
	 * only when {@code guard}, a clause named before them in the same {@code WITH}, answers a row: on PostgreSQL a write
	 * to the job's row that its lease conditions and the points that go with it are then one statement (PostgreSQL runs
	 * every data-modifying clause of a {@code WITH} once, on one snapshot). After the statement ran, call
	 * {@link #appended}.
	 */
	public SqlPart appendAfter(String guard, long jobId, CurveBatch batch) {
		StringBuilder sql = new StringBuilder();
		List<Object> args = new ArrayList<>();
		List<CurveChunk> chunks = batch.chunks();
		if (!chunks.isEmpty()) {
			sql.append(", appended_chunks AS (INSERT INTO curve_chunks (" + CHUNK_COLUMNS + ") SELECT * FROM (VALUES ");
			for (int i = 0; i < chunks.size(); i++) {
				sql.append(i == 0 ? "" : ", ").append("(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), "
						+ "CAST(? AS BYTEA), CAST(? AS BYTEA), CAST(? AS BYTEA), CAST(? AS BYTEA))");
				args.addAll(chunkValues(jobId, chunks.get(i)));
			}
			sql.append(") AS points WHERE EXISTS (SELECT 1 FROM ").append(guard).append("))");
		}
		List<ValidationPoint> validations = batch.validations();
		if (!validations.isEmpty()) {
			sql.append(", appended_validations AS (INSERT INTO curve_validations (" + VALIDATION_COLUMNS
					+ ") SELECT * FROM (VALUES ");
			for (int i = 0; i < validations.size(); i++) {
				ValidationPoint point = validations.get(i);
				sql.append(i == 0 ? "" : ", ").append("(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), "
						+ "CAST(? AS DOUBLE PRECISION))");
				args.add(jobId);
				args.add(point.iteration());
				args.add(Double.isFinite(point.loss()) ? point.loss() : null);
				args.add(Double.isFinite(point.accuracy()) ? point.accuracy() : null);
			}
			sql.append(") AS points WHERE EXISTS (SELECT 1 FROM ").append(guard).append("))");
		}
		return new SqlPart(sql.toString(), args);
	}

	/** Tells the curve views that a statement with the clauses of {@link #appendAfter} ran on the job. */
	public void appended(long jobId) {
		cache.changed(jobId);
	}

	private void write(long jobId, CurveBatch batch, boolean replace) {
		List<CurveChunk> chunks = batch.chunks();
		if (!chunks.isEmpty()) {
			if (replace) {
				jdbc.update("DELETE FROM curve_chunks WHERE job_id = ? AND first_iteration >= ?", jobId,
						chunks.get(0).firstIteration());
			}
			jdbc.batchUpdate("INSERT INTO curve_chunks (job_id, first_iteration, point_count, lr, loss, momentum, "
					+ "summary) VALUES (?, ?, ?, ?, ?, ?, ?)", chunks, chunks.size(), (ps, chunk) -> bindChunk(ps, jobId, chunk));
		}
		List<ValidationPoint> validations = batch.validations();
		if (!validations.isEmpty()) {
			if (replace) {
				// a batch written again (after a commit whose answer was lost with the connection) replaces itself
				jdbc.update("DELETE FROM curve_validations WHERE job_id = ? AND iteration >= ?", jobId,
						validations.get(0).iteration());
			}
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

	/**
	 * Stores the points of iterations {@code first…first + lr.length − 1} over whatever is stored there, keeping the
	 * stored points before and after them: a point posted again replaces itself, never adds a second copy. Only the
	 * chunks the points fall in are written (one upsert each on PostgreSQL); of those, only a chunk that holds stored points the
	 * new ones do not cover (the chunk at either end) is read first, so that a post that continues the curve from a
	 * chunk's start reads nothing. Call inside a transaction that keeps other writers of the job out.
	 *
	 * @param storedPoints how many points are stored, always iterations 0…storedPoints − 1 (the caller knows it under
	 *     its lock), at least {@code first}
	 * @param momentum {@code null} when the points carry none (NaN is stored where a chunk has momentum elsewhere)
	 */
	public void writeOver(long jobId, long storedPoints, long first, double[] lr, double[] loss, double[] momentum) {
		int n = lr.length;
		if (n == 0) {
			return;
		}
		long end = first + n;
		long fromChunk = CurveChunk.start(first);
		long toChunk = CurveChunk.start(end - 1);
		boolean headStored = first > fromChunk;
		boolean tailStored = storedPoints > end && end < toChunk + CurveChunk.SIZE;
		Map<Long, CurveChunk> stored = new HashMap<>();
		if (headStored || tailStored) {
			jdbc.query("SELECT first_iteration, point_count, lr, loss, momentum FROM curve_chunks "
					+ "WHERE job_id = ? AND first_iteration IN (?, ?)", (ResultSet rs) -> {
						byte[] moments = rs.getBytes(5);
						stored.put(rs.getLong(1), new CurveChunk(rs.getLong(1), rs.getInt(2), CurveChunk.decode(rs.getBytes(3)),
								CurveChunk.decode(rs.getBytes(4)), moments == null ? null : CurveChunk.decode(moments)));
					}, jobId, headStored ? fromChunk : toChunk, tailStored ? toChunk : fromChunk);
		}
		List<CurveChunk> chunks = new ArrayList<>();
		for (long start = fromChunk; start <= toChunk; start += CurveChunk.SIZE) {
			chunks.add(overlay(stored.get(start), start, first, lr, loss, momentum));
		}
		UpsertSql sql = sql();
		if (sql.deleteChunk != null) {
			jdbc.batchUpdate(sql.deleteChunk, chunks, chunks.size(), (ps, chunk) -> {
				ps.setLong(1, jobId);
				ps.setLong(2, chunk.firstIteration());
			});
		}
		jdbc.batchUpdate(sql.writeChunk, chunks, chunks.size(), (ps, chunk) -> bindChunk(ps, jobId, chunk));
		cache.changed(jobId);
	}

	/** The chunk starting at {@code start}: {@code stored} (or nothing) with the given points written over it. */
	private static CurveChunk overlay(CurveChunk stored, long start, long first, double[] lr, double[] loss,
			double[] momentum) {
		int storedCount = stored == null ? 0 : stored.count();
		int from = (int) Math.max(0, first - start);
		int to = (int) Math.min(CurveChunk.SIZE, first + lr.length - start);
		int count = Math.max(storedCount, to);
		double[] lrs = new double[count];
		double[] losses = new double[count];
		boolean withMomentum = momentum != null || (stored != null && stored.momentum() != null);
		double[] moments = withMomentum ? new double[count] : null;
		if (withMomentum) {
			Arrays.fill(moments, Double.NaN);
		}
		if (stored != null) {
			System.arraycopy(stored.lr(), 0, lrs, 0, storedCount);
			System.arraycopy(stored.loss(), 0, losses, 0, storedCount);
			if (stored.momentum() != null) {
				System.arraycopy(stored.momentum(), 0, moments, 0, storedCount);
			}
		}
		int source = (int) (start + from - first);
		System.arraycopy(lr, source, lrs, from, to - from);
		System.arraycopy(loss, source, losses, from, to - from);
		if (withMomentum) {
			if (momentum != null) {
				System.arraycopy(momentum, source, moments, from, to - from);
			}
			else {
				Arrays.fill(moments, from, to, Double.NaN);
			}
		}
		return new CurveChunk(start, count, lrs, losses, moments);
	}

	/**
	 * Stores evaluations, each replacing the one stored at its iteration (the others stay). Call inside a
	 * transaction.
	 */
	public void writeOver(long jobId, List<ValidationPoint> validations) {
		if (validations.isEmpty()) {
			return;
		}
		UpsertSql sql = sql();
		if (sql.deleteValidation != null) {
			jdbc.batchUpdate(sql.deleteValidation, validations, validations.size(), (ps, point) -> {
				ps.setLong(1, jobId);
				ps.setLong(2, point.iteration());
			});
		}
		jdbc.batchUpdate(sql.writeValidation, validations, validations.size(), (ps, point) -> {
			ps.setLong(1, jobId);
			ps.setLong(2, point.iteration());
			setFiniteOrNull(ps, 3, point.loss());
			setFiniteOrNull(ps, 4, point.accuracy());
		});
		cache.changed(jobId);
	}

	/** Every evaluation of the job, in iteration order. */
	public List<ValidationPoint> validations(long jobId) {
		return validations(jobId, 0, Long.MAX_VALUE);
	}

	/** The job's last evaluation, if it has one. */
	public Optional<ValidationPoint> lastValidation(long jobId) {
		return jdbc.query("SELECT iteration, loss, accuracy FROM curve_validations WHERE job_id = ? "
				+ "ORDER BY iteration DESC FETCH FIRST 1 ROWS ONLY", (rs, row) -> new ValidationPoint(rs.getLong(1),
						doubleOrNaN(rs, 2), doubleOrNaN(rs, 3)), jobId).stream().findFirst();
	}

	/**
	 * The training losses of a stored curve in brief, read one chunk at a time (a long curve is never held whole).
	 *
	 * @param points the stored points
	 * @param last the loss of the last one (NaN when there is none)
	 * @param best the lowest finite loss (NaN when there is none)
	 * @param anyNonFinite whether some loss is NaN or infinite
	 */
	public record LossSummary(long points, double last, double best, boolean anyNonFinite) {
	}

	public LossSummary lossSummary(long jobId) {
		double[] summary = { 0, Double.NaN, Double.NaN, 0 };
		jdbc.query("SELECT first_iteration, point_count, loss FROM curve_chunks WHERE job_id = ? ORDER BY first_iteration",
				(ResultSet rs) -> {
					int count = rs.getInt(2);
					double[] loss = CurveChunk.decode(rs.getBytes(3));
					for (int i = 0; i < count; i++) {
						double value = loss[i];
						if (!Double.isFinite(value)) {
							summary[3] = 1;
						}
						else if (Double.isNaN(summary[2]) || value < summary[2]) {
							summary[2] = value;
						}
					}
					summary[0] = rs.getLong(1) + count;
					summary[1] = count == 0 ? summary[1] : loss[count - 1];
				}, jobId);
		return new LossSummary((long) summary[0], summary[1], summary[2], summary[3] != 0);
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
	public RawCurve read(long jobId, long from, long to) {
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

	/** The upserts of the database at hand, chosen on first use. */
	private UpsertSql sql() {
		UpsertSql sql = upserts;
		if (sql == null) {
			sql = new DatabaseProduct(jdbc).postgres() ? UpsertSql.POSTGRESQL : UpsertSql.H2;
			upserts = sql;
		}
		return sql;
	}

	/**
	 * How a row is written over the one with its key. PostgreSQL: one {@code INSERT … ON CONFLICT DO UPDATE} per row
	 * instead of a delete and an insert (a round trip and an index deletion less). H2: the delete and the insert, which
	 * measured cheaper there than its {@code MERGE}. Both bind the columns in the same order.
	 */
	private enum UpsertSql {

		POSTGRESQL(null, "INSERT INTO curve_chunks (" + CHUNK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
				+ "ON CONFLICT (job_id, first_iteration) DO UPDATE SET point_count = EXCLUDED.point_count, "
				+ "lr = EXCLUDED.lr, loss = EXCLUDED.loss, momentum = EXCLUDED.momentum, summary = EXCLUDED.summary", null,
				"INSERT INTO curve_validations (" + VALIDATION_COLUMNS + ") VALUES (?, ?, ?, ?) "
						+ "ON CONFLICT (job_id, iteration) DO UPDATE SET loss = EXCLUDED.loss, accuracy = EXCLUDED.accuracy"),

		H2("DELETE FROM curve_chunks WHERE job_id = ? AND first_iteration = ?",
				"INSERT INTO curve_chunks (" + CHUNK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
				"DELETE FROM curve_validations WHERE job_id = ? AND iteration = ?",
				"INSERT INTO curve_validations (" + VALIDATION_COLUMNS + ") VALUES (?, ?, ?, ?)");

		/** {@code null} when {@link #writeChunk} replaces the row itself. */
		final String deleteChunk;

		final String writeChunk;

		/** {@code null} when {@link #writeValidation} replaces the row itself. */
		final String deleteValidation;

		final String writeValidation;

		UpsertSql(String deleteChunk, String writeChunk, String deleteValidation, String writeValidation) {
			this.deleteChunk = deleteChunk;
			this.writeChunk = writeChunk;
			this.deleteValidation = deleteValidation;
			this.writeValidation = writeValidation;
		}

	}

	private static void bindChunk(PreparedStatement ps, long jobId, CurveChunk chunk) throws SQLException {
		List<Object> values = chunkValues(jobId, chunk);
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) == null) {
				ps.setNull(i + 1, Types.BINARY); // only the momentum column is ever null
			}
			else {
				ps.setObject(i + 1, values.get(i));
			}
		}
	}

	/** A chunk's row of {@code curve_chunks}, in the order of {@code CHUNK_COLUMNS}; the momentum null when not recorded. */
	private static List<Object> chunkValues(long jobId, CurveChunk chunk) {
		return Arrays.asList(jobId, chunk.firstIteration(), chunk.count(), CurveChunk.encode(chunk.lr(), chunk.count()),
				CurveChunk.encode(chunk.loss(), chunk.count()),
				chunk.momentum() == null ? null : CurveChunk.encode(chunk.momentum(), chunk.count()), ChunkSummary.encode(chunk));
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
