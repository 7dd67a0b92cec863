package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CurveCsvTests {

	@Test
	void trainingPointsAndEvaluationsShareRowsByIterationWithEmptyCellsForNothing() {
		CurveView curve = new CurveView(List.of(0L, 1L, 2L), List.of(0.1, 0.2, 0.3), Arrays.asList(1.0, 0.5, null),
				null, 3, false, null, new CurveView.Validation(List.of(1L), List.of(0.4), Arrays.asList((Double) null)));
		assertThat(CurveCsv.write(curve)).isEqualTo("""
				iteration,lr,loss,validation_loss,validation_accuracy
				0,0.1,1.0,,
				1,0.2,0.5,0.4,
				2,0.3,,,
				""");
	}

	@Test
	void aCycledMomentumGetsItsOwnColumn() {
		CurveView curve = new CurveView(List.of(0L), List.of(0.1), List.of(1.0), List.of(0.9), 1, false, null,
				new CurveView.Validation(List.of(), List.of(), List.of()));
		assertThat(CurveCsv.write(curve)).startsWith("iteration,lr,momentum,loss,").contains("0,0.1,0.9,1.0,,");
	}

}
