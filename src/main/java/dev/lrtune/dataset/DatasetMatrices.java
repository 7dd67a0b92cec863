package dev.lrtune.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.lrtune.db.DatabaseProduct;

/**
 * The {@code dataset_chunks} table: a dataset's features (row-major) followed by its targets, as one
 * stream of little-endian doubles cut into chunks of {@value #CHUNK_DOUBLES} doubles (1 MiB). Chunks are
 * written in JDBC batches and read with a small fetch size, so neither side holds more than a few
 * chunks' bytes beside the arrays themselves. Plain JDBC rather than JPA, which would keep a second
 * copy of every byte array for dirty checking.
 */
@Repository
class DatasetMatrices {

	static final int CHUNK_DOUBLES = 1 << 17;

	private static final int CHUNKS_PER_BATCH = 8;

	private final JdbcTemplate jdbc;

	/** Whether the database is H2 (else PostgreSQL), asked once. */
	private volatile Boolean h2;

	DatasetMatrices(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		// PostgreSQL streams a result with a cursor only when a fetch size is set (inside a transaction).
		this.jdbc.setFetchSize(CHUNKS_PER_BATCH);
	}

	void save(long datasetId, double[] features, double[] targets) {
		long total = (long) features.length + targets.length;
		List<Integer> chunks = IntStream.range(0, (int) ((total + CHUNK_DOUBLES - 1) / CHUNK_DOUBLES)).boxed().toList();
		jdbc.batchUpdate("INSERT INTO dataset_chunks (dataset_id, chunk, data) VALUES (?, ?, ?)", chunks,
				CHUNKS_PER_BATCH, (statement, chunk) -> {
					statement.setLong(1, datasetId);
					statement.setInt(2, chunk);
					statement.setBytes(3, encode(features, targets, chunk));
				});
	}

	/**
	 * Writes what the last commits left in memory to the database file, now, on the caller's thread. H2 (an
	 * embedded file database) otherwise writes committed pages from a background thread up to a second later: after
	 * an upload that is tens of megabytes, written while the first job on the dataset runs, on the same cores. An
	 * upload calls this once committed, so that it answers when its matrix is on disk, and leaves that work to no
	 * one. PostgreSQL has written its log by the time a commit returns: nothing to do there.
	 */
	void writeThrough() {
		Boolean embedded = h2;
		if (embedded == null) {
			embedded = new DatabaseProduct(jdbc).h2();
			h2 = embedded;
		}
		if (embedded) {
			jdbc.execute("CHECKPOINT");
		}
	}

	/** Fills the arrays, whose lengths the dataset's metadata gives, from the stored chunks. */
	void load(long datasetId, double[] features, double[] targets) {
		int[] next = { 0 };
		long[] read = { 0 };
		jdbc.query("SELECT chunk, data FROM dataset_chunks WHERE dataset_id = ? ORDER BY chunk", row -> {
			int chunk = row.getInt(1);
			if (chunk != next[0]++) {
				throw new IllegalStateException("dataset " + datasetId + " lacks matrix chunk " + (next[0] - 1));
			}
			read[0] += decode(row.getBytes(2), chunk, features, targets);
		}, datasetId);
		long expected = (long) features.length + targets.length;
		if (read[0] != expected) {
			throw new IllegalStateException("dataset " + datasetId + " has " + read[0] + " stored values, expected " + expected);
		}
	}

	static byte[] encode(double[] features, double[] targets, int chunk) {
		long from = (long) chunk * CHUNK_DOUBLES;
		int length = (int) Math.min(CHUNK_DOUBLES, features.length + (long) targets.length - from);
		ByteBuffer bytes = ByteBuffer.allocate(length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		DoubleBuffer doubles = bytes.asDoubleBuffer();
		int fromFeatures = (int) Math.max(0, Math.min(length, features.length - from));
		if (fromFeatures > 0) {
			doubles.put(features, (int) from, fromFeatures);
		}
		doubles.put(targets, (int) Math.max(0, from - features.length), length - fromFeatures);
		return bytes.array();
	}

	/** Copies one chunk into place and returns how many doubles it held. */
	static int decode(byte[] data, int chunk, double[] features, double[] targets) {
		long from = (long) chunk * CHUNK_DOUBLES;
		DoubleBuffer doubles = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
		int length = doubles.remaining();
		if (from + length > (long) features.length + targets.length) {
			throw new IllegalStateException("matrix chunk " + chunk + " runs past the dataset's end");
		}
		int intoFeatures = (int) Math.max(0, Math.min(length, features.length - from));
		if (intoFeatures > 0) {
			doubles.get(features, (int) from, intoFeatures);
		}
		doubles.get(targets, (int) Math.max(0, from - features.length), length - intoFeatures);
		return length;
	}

}
