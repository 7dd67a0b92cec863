package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrtune.curve.ValidationPoint;

/** Which validation point a trial is judged by at a rung, and the value ranked, worked out by hand. */
class TrialRungsTests {

	/** Evaluations after iterations 49, 99, 149, 199 (50, 100, 150, 200 trained) with these losses. */
	private static final List<ValidationPoint> EVALUATIONS = List.of(new ValidationPoint(49, 0.9, Double.NaN),
			new ValidationPoint(99, 0.6, Double.NaN), new ValidationPoint(149, 0.7, Double.NaN),
			new ValidationPoint(199, Double.NaN, Double.NaN));

	@Test
	void aRungIsJudgedAtTheFirstEvaluationOnceItsIterationsAreTrained() {
		assertThat(TrialRungs.firstAtOrAfter(EVALUATIONS, 100)).map(ValidationPoint::iteration).contains(99L);
		assertThat(TrialRungs.firstAtOrAfter(EVALUATIONS, 101)).map(ValidationPoint::iteration).contains(149L);
		assertThat(TrialRungs.firstAtOrAfter(EVALUATIONS, 50)).map(ValidationPoint::iteration).contains(49L);
		assertThat(TrialRungs.firstAtOrAfter(EVALUATIONS, 201)).isEmpty();
	}

	@Test
	void theObjectiveBestRanksTheLowestLossSoFarAndLastTheLossItself() {
		ValidationPoint at149 = EVALUATIONS.get(2);
		assertThat(TrialRungs.value(Objective.BEST, at149, EVALUATIONS)).isEqualTo(0.6);
		assertThat(TrialRungs.value(Objective.LAST, at149, EVALUATIONS)).isEqualTo(0.7);
		// a loss that is not finite: best keeps the lowest finite one before it, last is not finite
		ValidationPoint at199 = EVALUATIONS.get(3);
		assertThat(TrialRungs.value(Objective.BEST, at199, EVALUATIONS)).isEqualTo(0.6);
		assertThat(TrialRungs.value(Objective.LAST, at199, EVALUATIONS)).isNaN();
		assertThat(TrialRungs.value(Objective.BEST, EVALUATIONS.get(0), EVALUATIONS)).isEqualTo(0.9);
	}

}
