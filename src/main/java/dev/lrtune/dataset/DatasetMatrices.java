package dev.lrtune.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.db.DatabaseProduct;

/**
 * The {@code dataset_chunks} table: a dataset's features (row-major) followed by its targets, as one stream of
 * little-endian doubles cut into chunks of at most {@value #CHUNK_DOUBLES} doubles (256 KiB; data stored before holds
 * 1 MiB chunks, which read the same: a chunk's place in the stream is where the one before it ended). Plain JDBC
 * rather than JPA, which would keep a second copy of every byte array for dirty checking.
 * <p>
 * {@link #save} writes 2 MiB per transaction, each written through to H2's file before the next: H2 then writes
 * each in its reused buffer, where one transaction of the whole matrix made it grow a buffer through hundreds of
 * MB of humongous arrays, twice. A chunk of 256 KiB is under half of the smallest G1 region (1 MB), so neither it
 * nor a driver's copy of it is a humongous array.
 */
@Repository
class DatasetMatrices {

	static final int CHUNK_DOUBLES = 1 << 15;

	/**
	 * 2 MiB of chunks: what H2 then writes of one transaction, with its pages, fits a write buffer of 3 MiB, which it
	 * keeps for the next write (it grows one by 1 MiB or half its size, and drops one over 4 MiB; 3 MiB of chunks
	 * needed a 4.5 MiB buffer, allocated anew for every transaction).
	 */
	private static final int CHUNKS_PER_TRANSACTION = 8;

	/** 2 MiB of chunks a round trip when PostgreSQL streams them back. */
	private static final int CHUNKS_PER_FETCH = 8;

	private static final String INSERT = "INSERT INTO dataset_chunks (dataset_id, chunk, data) VALUES (?, ?, ?)";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	/** Whether the database is H2 (else PostgreSQL), asked once. */
	private volatile Boolean h2;

	DatasetMatrices(DataSource dataSource, TransactionTemplate transactions) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = transactions;
		// PostgreSQL streams a result with a cursor only when a fetch size is set (inside a transaction).
		this.jdbc.setFetchSize(CHUNKS_PER_FETCH);
	}

	/**
	 * Stores the matrix of a dataset whose row exists, in transactions of its own: the caller keeps the dataset hidden
	 * until this returns, and removes it if this throws.
	 */
	void save(long datasetId, double[] features, double[] targets) {
		long total = (long) features.length + targets.length;
		int chunks = (int) ((total + CHUNK_DOUBLES - 1) / CHUNK_DOUBLES);
		// Both drivers copy the bytes setBytes is given (H2's ValueVarbinary.get, pgjdbc's setBytes), so one buffer
		// serves every chunk.
		ChunkEncoder encoder = new ChunkEncoder(features, targets);
		for (int first = 0; first < chunks; first += CHUNKS_PER_TRANSACTION) {
			List<Integer> group = IntStream.range(first, Math.min(chunks, first + CHUNKS_PER_TRANSACTION)).boxed().toList();
			transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, group, group.size(), (statement, chunk) -> {
				statement.setLong(1, datasetId);
				statement.setInt(2, chunk);
				statement.setBytes(3, encoder.encode(chunk));
			}));
			writeThrough();
		}
	}

	/**
	 * Writes what the last commits left in memory to the database file, now, on the caller's thread. H2 (an
	 * embedded file database) otherwise writes committed pages from a background thread up to a second later, all
	 * that accumulated in one store: while the first job on the dataset runs, on the same cores. PostgreSQL has
	 * written its log by the time a commit returns: nothing to do there.
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
			read[0] += decode(row.getBytes(2), read[0], features, targets);
		}, datasetId);
		long expected = (long) features.length + targets.length;
		if (read[0] != expected) {
			throw new IllegalStateException("dataset " + datasetId + " has " + read[0] + " stored values, expected " + expected);
		}
	}

	/** Encodes chunk after chunk of one matrix into one buffer: the bytes of a chunk are valid until the next call. */
	static final class ChunkEncoder {

		private final double[] features;

		private final double[] targets;

		private final byte[] buffer;

		private final DoubleBuffer doubles;

		ChunkEncoder(double[] features, double[] targets) {
			this.features = features;
			this.targets = targets;
			long total = (long) features.length + targets.length;
			this.buffer = new byte[(int) Math.min(CHUNK_DOUBLES, total) * Double.BYTES];
			this.doubles = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
		}

		/** The chunk's bytes: the shared buffer, or a copy of its start for a last chunk that is shorter. */
		byte[] encode(int chunk) {
			long from = (long) chunk * CHUNK_DOUBLES;
			int length = (int) Math.min(CHUNK_DOUBLES, features.length + (long) targets.length - from);
			doubles.clear();
			int fromFeatures = (int) Math.max(0, Math.min(length, features.length - from));
			if (fromFeatures > 0) {
				doubles.put(features, (int) from, fromFeatures);
			}
			doubles.put(targets, (int) Math.max(0, from - features.length), length - fromFeatures);
			int bytes = length * Double.BYTES;
			return bytes == buffer.length ? buffer : Arrays.copyOf(buffer, bytes);
		}

	}

	/** Copies one chunk, which starts at value {@code from} of the stream, into place; returns how many it held. */
	static int decode(byte[] data, long from, double[] features, double[] targets) {
		DoubleBuffer doubles = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
		int length = doubles.remaining();
		if (from + length > (long) features.length + targets.length) {
			throw new IllegalStateException("a matrix chunk runs past the dataset's end");
		}
		int intoFeatures = (int) Math.max(0, Math.min(length, features.length - from));
		if (intoFeatures > 0) {
			doubles.get(features, (int) from, intoFeatures);
		}
		doubles.get(targets, (int) Math.max(0, from - features.length), length - intoFeatures);
		return length;
	}

}
