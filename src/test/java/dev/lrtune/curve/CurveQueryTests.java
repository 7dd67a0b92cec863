package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.ServiceBeansOnH2;
import dev.lrtune.core.rangetest.SmoothedLoss;
import dev.lrtune.web.InvalidRequestException;

/**
 * Reading curves back from H2: ranges, pages of {@value ServiceBeansOnH2#MAX_POINTS} points, smoothing and
 * downsampling over stored chunks.
 */
@ServiceBeansOnH2
class CurveQueryTests {

	private static final long JOB = 9001;

	private static final int POINTS = 10_000; // three chunks, the last one partial

	@Autowired
	private Curves curves;

	@Autowired
	private CurveQuery query;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	private final double[] loss = new double[POINTS];

	@BeforeEach
	void storeACurveThatDivergesAtTheEnd() {
		jdbc.update("DELETE FROM jobs");
		jdbc.update("INSERT INTO jobs (id, type, status, request, dataset, total_iterations, iteration, attempt, "
				+ "cancel_requested, created_at) VALUES (?, 'training', 'diverged', '{}', 'synthetic:moons', ?, ?, 1, "
				+ "FALSE, CURRENT_TIMESTAMP)", JOB, POINTS, POINTS);
		CurveBatchRecorder recorder = new CurveBatchRecorder(batch -> true, false,
				new CurveSettings(5000, java.time.Duration.ofHours(1), 1 << 20));
		for (int k = 0; k < POINTS; k++) {
			loss[k] = k == POINTS - 1 ? Double.NaN : 2 + Math.sin(k / 50.0);
			recorder.onIteration(k, 1e-3 * (k + 1), Double.NaN, loss[k]);
		}
		recorder.onValidation(4999, 1.5, 0.75);
		transactions.executeWithoutResult(tx -> curves.write(JOB, recorder.drain()));
	}

	@Test
	void aRangeReturnsExactlyItsRawPoints() {
		CurveView curve = query.curve(JOB, 4090L, 4100L, null, null);
		assertThat(curve.iteration()).containsExactly(4090L, 4091L, 4092L, 4093L, 4094L, 4095L, 4096L, 4097L, 4098L,
				4099L, 4100L);
		assertThat(curve.lr().get(6)).isEqualTo(1e-3 * 4097);
		assertThat(curve.loss().get(6)).isEqualTo(loss[4096]);
		assertThat(curve.totalPoints()).isEqualTo(11);
		assertThat(curve.momentum()).isNull();
		assertThat(curve.nextFrom()).isNull();
	}

	@Test
	void withoutMaxPointsALongCurveComesInPagesOfTheConfiguredSize() {
		CurveView first = query.curve(JOB, null, null, null, null);
		assertThat(first.iteration()).hasSize(5000);
		assertThat(first.totalPoints()).isEqualTo(POINTS);
		assertThat(first.nextFrom()).isEqualTo(5000L);
		assertThat(first.validation().iteration()).containsExactly(4999L);
		CurveView second = query.curve(JOB, first.nextFrom(), null, null, null);
		assertThat(second.iteration()).hasSize(5000).startsWith(5000L).endsWith(9999L);
		assertThat(second.nextFrom()).isNull();
		assertThat(second.loss().get(4999)).as("a non-finite loss is null").isNull();
	}

	@Test
	void downsamplingKeepsTheFirstLastAndDivergedPointsWithinTheBudget() {
		CurveView curve = query.curve(JOB, null, null, 200, null);
		assertThat(curve.iteration()).hasSizeLessThanOrEqualTo(200).startsWith(0L).endsWith(9999L);
		assertThat(curve.downsampled()).isTrue();
		assertThat(curve.totalPoints()).isEqualTo(POINTS);
	}

	@Test
	void smoothingIsTheBiasCorrectedEmaFromTheFirstIterationWhereverTheRangeStarts() {
		double[] expected = SmoothedLoss.smooth(loss, 0.9);
		CurveView curve = query.curve(JOB, 6000L, 6002L, null, 0.9);
		assertThat(curve.loss()).containsExactly(expected[6000], expected[6001], expected[6002]);
	}

	@Test
	void aRangePastTheEndIsEmpty() {
		CurveView curve = query.curve(JOB, 20_000L, null, null, null);
		assertThat(curve.iteration()).isEmpty();
		assertThat(curve.totalPoints()).isZero();
	}

	@Test
	void badArgumentsAreNamed() {
		assertThatThrownBy(() -> query.curve(JOB, 10L, 5L, null, null)).isInstanceOfSatisfying(
				InvalidRequestException.class, ex -> assertThat(ex.field()).isEqualTo("to"));
		assertThatThrownBy(() -> query.curve(JOB, null, null, 1_000_000, null)).isInstanceOfSatisfying(
				InvalidRequestException.class, ex -> assertThat(ex.field()).isEqualTo("maxPoints"));
		assertThatThrownBy(() -> query.curve(JOB, null, null, null, 1.0)).isInstanceOfSatisfying(
				InvalidRequestException.class, ex -> assertThat(ex.field()).isEqualTo("smoothing"));
	}

	@Test
	void anUnknownJobIsA404() {
		assertThatThrownBy(() -> query.curve(1, null, null, null, null)).isInstanceOfSatisfying(
				ErrorResponseException.class, ex -> assertThat(ex.getStatusCode().value()).isEqualTo(404));
	}

	@Test
	void rewritingAChunkReplacesItsPointsInsteadOfAddingCopies() {
		transactions.executeWithoutResult(tx -> curves.write(JOB, new CurveBatch(List.of(new CurveChunk(8192,
				3, new double[] { 7, 7, 7 }, new double[] { 1, 1, 1 }, null)), List.of(), 8194)));
		assertThat(curves.pointCount(JOB)).isEqualTo(8195);
		assertThat(query.curve(JOB, 8190L, null, null, null).lr()).containsExactly(1e-3 * 8191, 1e-3 * 8192, 7.0, 7.0,
				7.0);
	}

}
