package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CurveBatchRecorderTests {

	private final List<CurveBatch> flushed = new ArrayList<>();

	private CurveBatchRecorder recorder(Duration interval, boolean momentum, boolean accept) {
		return new CurveBatchRecorder(batch -> {
			flushed.add(batch);
			return accept;
		}, momentum, new CurveSettings(100_000, interval, 1 << 20));
	}

	@Test
	void pointsAreCutIntoChunksOfFixedBoundariesAndDrainedOnce() {
		CurveBatchRecorder recorder = recorder(Duration.ofHours(1), false, true);
		int n = CurveChunk.SIZE + 10;
		for (int k = 0; k < n; k++) {
			recorder.onIteration(k, 0.1 * k, Double.NaN, 1.0 / (k + 1));
		}
		recorder.onValidation(n - 1, 0.3, 0.8);
		CurveBatch batch = recorder.drain();
		assertThat(flushed).isEmpty();
		assertThat(batch.chunks()).extracting(CurveChunk::firstIteration).containsExactly(0L, (long) CurveChunk.SIZE);
		assertThat(batch.chunks()).extracting(CurveChunk::count).containsExactly(CurveChunk.SIZE, 10);
		assertThat(batch.chunks().get(1).lr()[3]).isEqualTo(0.1 * (CurveChunk.SIZE + 3));
		assertThat(batch.chunks().get(0).momentum()).isNull();
		assertThat(batch.validations()).containsExactly(new ValidationPoint(n - 1, 0.3, 0.8));
		assertThat(batch.lastIteration()).isEqualTo(n - 1);
		CurveBatch again = recorder.drain();
		assertThat(again.chunks()).extracting(CurveChunk::firstIteration).containsExactly((long) CurveChunk.SIZE);
		assertThat(again.validations()).isEmpty();
	}

	@Test
	void aDueFlushHandsTheNewPointsToTheSinkWithMomentum() {
		CurveBatchRecorder recorder = recorder(Duration.ZERO, true, true);
		recorder.onIteration(0, 0.1, 0.9, 2.0);
		assertThat(flushed).hasSize(1);
		assertThat(flushed.get(0).chunks().get(0).momentum()[0]).isEqualTo(0.9);
		assertThat(recorder.stopRequested()).isFalse();
	}

	@Test
	void aSinkThatRefusesStopsTheRun() {
		CurveBatchRecorder recorder = recorder(Duration.ZERO, false, false);
		recorder.onIteration(0, 0.1, Double.NaN, 2.0);
		assertThat(recorder.stopRequested()).isTrue();
	}

	@Test
	void theEncodingKeepsNonFiniteValuesBitForBit() {
		double[] values = { 1.5, Double.NaN, Double.POSITIVE_INFINITY, -0.0 };
		assertThat(CurveChunk.decode(CurveChunk.encode(values, 4))).containsExactly(values);
	}

}
