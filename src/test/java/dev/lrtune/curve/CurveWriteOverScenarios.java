package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Points written over a stored curve in batches that cross chunk boundaries, start at one, or go back over points
 * stored before (a retry): after each write the store holds exactly what an array written the same way holds, and
 * no chunk twice. Run on H2 and on PostgreSQL, whose upserts differ.
 */
abstract class CurveWriteOverScenarios {

	private static final long JOB = 9101;

	private static final int SIZE = CurveChunk.SIZE;

	private static final int LENGTH = 3 * SIZE;

	@Autowired
	private Curves curves;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	private final double[] lr = new double[LENGTH];

	private final double[] loss = new double[LENGTH];

	private long stored;

	@BeforeEach
	void aJob() {
		jdbc.update("DELETE FROM jobs WHERE id = ?", JOB);
		jdbc.update("INSERT INTO jobs (id, type, status, request, dataset, total_iterations, iteration, attempt, "
				+ "cancel_requested, created_at) VALUES (?, 'training', 'running', '{}', '', ?, 0, 1, FALSE, "
				+ "CURRENT_TIMESTAMP)", JOB, LENGTH);
	}

	@Test
	void appendsAcrossChunkBoundariesAndRetriesReplaceOnlyWhatTheyCover() {
		write(0, 1000, 1); // inside the first chunk
		write(1000, SIZE - 1000 + 10, 2); // past the first boundary
		write(SIZE + 10, SIZE - 10, 3); // up to the second boundary exactly
		write(2 * SIZE, 500, 4); // from a boundary, nothing stored after it
		write(SIZE, 20, 5); // a retry from a boundary, points stored after it in the chunk
		write(SIZE - 5, 2 * SIZE + 505 - (SIZE - 5), 6); // a retry over a whole chunk and both its neighbours' ends
		write(2 * SIZE + 100, 5, 7); // a retry in the middle of the last chunk
		write(0, 3, 8); // a retry of the very first points
		write(2 * SIZE + 505, SIZE - 505, 9); // the rest

		assertThat(stored).isEqualTo(LENGTH);
		assertThat(jdbc.queryForList("SELECT first_iteration FROM curve_chunks WHERE job_id = ? ORDER BY first_iteration",
				Long.class, JOB)).containsExactly(0L, (long) SIZE, 2L * SIZE);
	}

	@Test
	void evaluationsPostedAgainReplaceTheirIteration() {
		write(0, 10, 1);
		transactions.executeWithoutResult(tx -> curves.writeOver(JOB,
				List.of(new ValidationPoint(2, 0.5, 0.7), new ValidationPoint(5, 0.4, Double.NaN))));
		transactions.executeWithoutResult(tx -> curves.writeOver(JOB,
				List.of(new ValidationPoint(5, 0.3, 0.8), new ValidationPoint(9, Double.NaN, 0.9))));

		assertThat(curves.validations(JOB)).containsExactly(new ValidationPoint(2, 0.5, 0.7),
				new ValidationPoint(5, 0.3, 0.8), new ValidationPoint(9, Double.NaN, 0.9));
	}

	/** Writes {@code n} points from {@code first}, valued after {@code pass}, and checks the whole stored curve. */
	private void write(long first, int n, int pass) {
		double[] lrs = new double[n];
		double[] losses = new double[n];
		for (int i = 0; i < n; i++) {
			long iteration = first + i;
			lrs[i] = 1e-4 * (iteration + 1) + pass;
			losses[i] = pass == 3 && i == 7 ? Double.NaN : 1.0 / (iteration + 1) + pass;
		}
		long before = stored;
		transactions.executeWithoutResult(tx -> curves.writeOver(JOB, before, first, lrs, losses, null));
		System.arraycopy(lrs, 0, lr, (int) first, n);
		System.arraycopy(losses, 0, loss, (int) first, n);
		stored = Math.max(stored, first + n);

		assertThat(curves.pointCount(JOB)).isEqualTo(stored);
		RawCurve curve = curves.read(JOB, 0, stored - 1);
		assertThat(curve.lr()).containsExactly(Arrays.copyOf(lr, (int) stored));
		assertThat(curve.loss()).containsExactly(Arrays.copyOf(loss, (int) stored));
	}

}
