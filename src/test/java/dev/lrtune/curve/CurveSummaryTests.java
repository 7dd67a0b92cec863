package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.ServiceBeansOnH2;

/** Downsampling a long curve from the chunks' summaries instead of every point. */
@ServiceBeansOnH2
class CurveSummaryTests {

	private static final long JOB = 9002;

	private static final int POINTS = 300_001; // 74 chunks, the last one partial

	private static final int LOWEST = 123_457;

	private static final int HIGHEST = 200_001;

	@Autowired
	private Curves curves;

	@Autowired
	private CurveQuery query;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	private final double[] lr = new double[POINTS];

	private final double[] loss = new double[POINTS];

	@BeforeEach
	void storeALongCurveThatDivergesAtTheEnd() {
		jdbc.update("DELETE FROM jobs");
		jdbc.update("INSERT INTO jobs (id, type, status, request, dataset, total_iterations, iteration, attempt, "
				+ "cancel_requested, created_at) VALUES (?, 'training', 'diverged', '{}', 'synthetic:moons', ?, ?, 1, "
				+ "FALSE, CURRENT_TIMESTAMP)", JOB, POINTS, POINTS);
		CurveBatchRecorder recorder = new CurveBatchRecorder(batch -> true, false,
				new CurveSettings(5000, Duration.ofHours(1), 1 << 20));
		for (int k = 0; k < POINTS; k++) {
			lr[k] = 1e-6 * (k + 1);
			loss[k] = k == POINTS - 1 ? Double.NaN : 2 + Math.sin(k / 500.0) + 0.01 * Math.sin(k * 7.0);
		}
		loss[LOWEST] = 0.25;
		loss[HIGHEST] = 9;
		for (int k = 0; k < POINTS; k++) {
			recorder.onIteration(k, lr[k], Double.NaN, loss[k]);
		}
		transactions.executeWithoutResult(tx -> curves.write(JOB, recorder.drain()));
	}

	@Test
	void aLongRangeIsReadFromSummaries() {
		assertThat(CurveQuery.summarised(POINTS, 200)).isTrue();
		assertThat(CurveQuery.summarised(10_000, 2000)).isFalse();
	}

	@Test
	void keepsFirstLastGlobalExtremesAndTheDivergedPoint() {
		CurveView view = query.curve(JOB, null, null, 200, null);

		assertThat(view.iteration()).hasSizeLessThanOrEqualTo(200).isSorted().doesNotHaveDuplicates();
		assertThat(view.iteration()).startsWith(0L).endsWith((long) POINTS - 1).contains((long) LOWEST, (long) HIGHEST);
		assertThat(view.loss().get(view.loss().size() - 1)).isNull();
		assertThat(view.downsampled()).isTrue();
		assertThat(view.totalPoints()).isEqualTo(POINTS);
		for (int i = 0; i < view.iteration().size(); i++) {
			int k = Math.toIntExact(view.iteration().get(i));
			assertThat(view.lr().get(i)).isEqualTo(lr[k]);
			if (Double.isFinite(loss[k])) {
				assertThat(view.loss().get(i)).isEqualTo(loss[k]);
			}
		}
	}

	@Test
	void keepsTheEndsOfARangeThatStartsAndEndsInsideChunks() {
		CurveView view = query.curve(JOB, 1_000L, 290_000L, 200, null);

		assertThat(view.iteration()).startsWith(1_000L).endsWith(290_000L).contains((long) LOWEST, (long) HIGHEST);
		assertThat(view.iteration()).hasSizeLessThanOrEqualTo(200).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void chunksWrittenBeforeSummariesGiveTheSamePoints() {
		CurveView summarised = query.curve(JOB, 1_000L, 290_000L, 200, null);
		jdbc.update("UPDATE curve_chunks SET summary = NULL WHERE job_id = ?", JOB);

		assertThat(query.curve(JOB, 1_000L, 290_000L, 200, null)).isEqualTo(summarised);
	}

	@Test
	void eachBucketKeepsPointsCloseToTheExactMinMax() {
		CurveView view = query.curve(JOB, null, null, 2000, null);
		int[] exact = Downsampling.minMax(loss, 2000);

		assertThat(view.iteration()).hasSizeBetween(exact.length - 10, exact.length);
	}

}
