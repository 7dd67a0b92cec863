package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.LrRamp.Mode;

class RangeTestAnalysisTests {

	private static final AnalysisSettings RAW_WHOLE_CURVE = new AnalysisSettings(0, 0, 0);

	/**
	 * An analytic curve in u = log10(lr) + 3: L(u) = 2 + u³/3 − u. L'(u) = u² − 1, so the loss falls
	 * between its local maximum at u = −1 and its minimum at u = 1 (lr = 1e-2), falls fastest at u = 0
	 * (L'' = 2u = 0, lr = 1e-3), and beyond the minimum climbs back over L(u0) at the other root of
	 * L(u) = L(u0), u* = (−u0 + √(12 − 3u0²)) / 2.
	 */
	private static final DoubleUnaryOperator CUBIC = u -> 2 + u * u * u / 3 - u;

	private static double u(double lr) {
		return Math.log10(lr) + 3;
	}

	private static double[] lossOf(double[] lr, DoubleUnaryOperator curve) {
		return Arrays.stream(lr).map(lr1 -> curve.applyAsDouble(u(lr1))).toArray();
	}

	@Test
	void analyticCurveGivesKnownMinimumSteepestAndDivergenceWithinOneGridStep() {
		double u0 = -1.5;
		double step = 0.02;
		double[] lr = LrRamp.exponential(Math.pow(10, u0 - 3), Math.pow(10, 2.5 - 3), 201).lrs();

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, lossOf(lr, CUBIC), RAW_WHOLE_CURVE);

		assertThat(u(recommendation.minLossLr())).isCloseTo(1, within(step));
		assertThat(recommendation.suggestions().minimum()).isEqualTo(recommendation.minLossLr() / 10);
		assertThat(u(recommendation.suggestions().steepest())).isCloseTo(0, within(step));
		// past the minimum L(1) = 4/3 the loss exceeds 1.25 · 4/3 = 5/3 where u³ − 3u + 1 = 0, u = 2cos(2π/9),
		// and stays above it to the end
		double rise = 2 * Math.cos(2 * Math.PI / 9);
		assertThat(u(recommendation.divergenceLr())).isBetween(rise, rise + step * 1.001);
		assertThat(recommendation.suggestions().divergence()).isEqualTo(recommendation.divergenceLr() / 10);
		assertThat(recommendation.warnings()).isEmpty();
	}

	@Test
	void analyticCurveRecommendsTheValleyHalfwayDownItsLongestDecrease() {
		double[] lr = LrRamp.exponential(Math.pow(10, -4.5), Math.pow(10, -0.5), 201).lrs();

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, lossOf(lr, CUBIC), RAW_WHOLE_CURVE);

		// the decrease runs from u = -1 to u = 1; fastai's index lands about halfway, here 2 steps early
		assertThat(u(recommendation.suggestions().valley())).isCloseTo(0, within(0.041));
		assertThat(recommendation.indices().valley()).isEqualTo(73);
	}

	@Test
	void steepestIsTakenAgainstLogLrSoALinearRampFindsItToo() {
		double[] lr = new LrRamp(1e-4, 3e-2, 1001, Mode.LINEAR).lrs();
		double gridStep = lr[1] - lr[0];

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, lossOf(lr, CUBIC), RAW_WHOLE_CURVE);

		assertThat(recommendation.suggestions().steepest()).isCloseTo(1e-3, within(gridStep));
		assertThat(recommendation.minLossLr()).isCloseTo(1e-2, within(gridStep));
	}

	@Test
	void cyclicBoundsAreTheMinimumLossLrAndAQuarterOfIt() {
		double[] lr = LrRamp.exponential(Math.pow(10, -4.5), Math.pow(10, -0.5), 201).lrs();

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, lossOf(lr, CUBIC), RAW_WHOLE_CURVE);

		assertThat(recommendation.cyclicBounds().maxLr()).isEqualTo(recommendation.minLossLr());
		assertThat(recommendation.cyclicBounds().baseLr()).isEqualTo(recommendation.minLossLr() / 4);
	}

	@Test
	void divergenceIsWhereTheLossStaysAboveAQuarterOverItsRunningMinimumEvenBelowItsStart() {
		double[] lr = LrRamp.exponential(1e-4, 1, 50).lrs();
		double[] loss = new double[50];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = i <= 40 ? 50 - i : 10 + (i - 40); // falls from 50 to 10 at i = 40, climbs back only to 19
		}

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, loss, RAW_WHOLE_CURVE);

		// 12 at i = 42 is not above 1.25 · 10, 13 at i = 43 is, and so is every later loss
		assertThat(recommendation.indices().minimum()).isEqualTo(40);
		assertThat(recommendation.indices().divergence()).isEqualTo(43);
		assertThat(recommendation.divergenceLr()).isEqualTo(lr[43]);
		assertThat(recommendation.suggestions().divergence()).isEqualTo(lr[43] / 10);
	}

	@Test
	void aRiseTheLossRecoversFromIsNoDivergence() {
		double[] lr = LrRamp.exponential(1e-4, 1, 20).lrs();
		double[] loss = { 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, loss, RAW_WHOLE_CURVE);

		// the loss climbs to 7 but is back at its minimum by the end: it did not rise for good
		assertThat(recommendation.divergenceLr()).isNull();
		assertThat(recommendation.suggestions().divergence()).isNull();
		assertThat(recommendation.indices().divergence()).isNull();
		assertThat(recommendation.warns(AnalysisWarning.NO_DIVERGENCE)).isTrue();
	}

	@Test
	void nonFiniteTailOfADivergedRunIsDropped() {
		double[] lr = LrRamp.exponential(1e-4, 1, 40).lrs();
		double[] loss = lossOf(lr, u -> 2 + Math.sin(u));
		double[] diverged = loss.clone();
		diverged[37] = Double.POSITIVE_INFINITY;
		diverged[38] = Double.NaN;
		diverged[39] = Double.NaN;

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, diverged);

		assertThat(recommendation).isEqualTo(
				RangeTestAnalysis.analyze(Arrays.copyOf(lr, 37), Arrays.copyOf(loss, 37)));
		assertThat(recommendation.indices().last()).isEqualTo(37 - 1 - AnalysisSettings.DEFAULT_SKIP_END);
	}

	@Test
	void aNonFiniteLossInTheMiddleEndsTheCurveThere() {
		double[] lr = LrRamp.exponential(1e-4, 1, 30).lrs();
		double[] loss = lossOf(lr, u -> 2 - u);
		loss[20] = Double.NaN;

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, loss, RAW_WHOLE_CURVE);

		assertThat(recommendation.indices().last()).isEqualTo(19);
	}

	@Test
	void skipsApplyWhenAtLeastTenPointsRemain() {
		double[] lr = LrRamp.exponential(1e-4, 1, 25).lrs();

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, lossOf(lr, u -> 2 - u));

		assertThat(recommendation.indices().first()).isEqualTo(10);
		assertThat(recommendation.indices().last()).isEqualTo(19);
		// the loss falls all along: the minimum is the last analysed point, not the last recorded one
		assertThat(recommendation.minLossLr()).isEqualTo(lr[19]);
	}

	@Test
	void aCurveTooShortForTheSkipsIsAnalysedWhole() {
		double[] lr = LrRamp.exponential(1e-4, 1, 24).lrs();

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, lossOf(lr, u -> 2 - u));

		assertThat(recommendation.indices().first()).isZero();
		assertThat(recommendation.indices().last()).isEqualTo(23);
	}

	@Test
	void divergenceIsJudgedOnTheAnalysedWindowOnly() {
		double[] lr = LrRamp.exponential(1e-4, 1, 30).lrs();
		double[] loss = new double[30];
		Arrays.fill(loss, 0, 10, 100); // skipped start, far above everything else
		for (int i = 10; i < 30; i++) {
			loss[i] = Math.abs(i - 15) + 3; // 8 at i = 10, minimum 3 at i = 15, 4 > 1.25 · 3 at i = 16
		}

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, loss, new AnalysisSettings(0, 10, 0));

		assertThat(recommendation.indices().divergence()).isEqualTo(16);
	}

	@Test
	void smoothingIsAppliedBeforeTheSkipsAsFastaiDoes() {
		double[] lr = LrRamp.exponential(1e-4, 1, 40).lrs();
		double[] loss = lossOf(lr, u -> 2 + Math.sin(3 * u));
		double[] smoothed = SmoothedLoss.smooth(loss, 0.9);

		Recommendation fromRaw = RangeTestAnalysis.analyze(lr, loss, new AnalysisSettings(0.9, 10, 5));
		Recommendation fromSmoothed = RangeTestAnalysis.analyze(lr, smoothed, new AnalysisSettings(0, 10, 5));

		// the same suggestions; only the noise check, which smooths the raw losses a second way, may differ
		assertThat(fromRaw.suggestions()).isEqualTo(fromSmoothed.suggestions());
		assertThat(fromRaw.indices()).isEqualTo(fromSmoothed.indices());
		assertThat(fromRaw.divergenceLr()).isEqualTo(fromSmoothed.divergenceLr());
	}

	@Test
	void withoutAValleyTheSteepestDescentIsStillSuggested() {
		double[] lr = { 1e-3, 1e-2, 1e-1, 1, 10 };

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, new double[] { 2, 1, 3, 4, 5 },
				RAW_WHOLE_CURVE);

		assertThat(recommendation.suggestions().valley()).isNull();
		assertThat(recommendation.indices().valley()).isNull();
		assertThat(recommendation.suggestions().steepest()).isEqualTo(1e-3);
		// from 3 > 1.25 · 1 at lr 1e-1 on the loss stays risen
		assertThat(recommendation.divergenceLr()).isEqualTo(1e-1);
		// without a valley the minimum alone is recommended: lr 1e-2 at the lowest loss, a decade lower
		assertThat(recommendation.method()).isEqualTo(Recommendation.MINIMUM);
		assertThat(recommendation.recommendedLr()).isEqualTo(1e-3);
	}

	@Test
	void aLossThatNeverFallsHasOnlyDivergenceAndNoRecommendation() {
		double[] lr = { 1e-3, 1e-2, 1e-1, 1 };

		Recommendation recommendation = RangeTestAnalysis.analyze(lr, new double[] { 1, 2, 2, 3 }, RAW_WHOLE_CURVE);

		assertThat(recommendation.suggestions().steepest()).isNull();
		assertThat(recommendation.suggestions().valley()).isNull();
		assertThat(recommendation.suggestions().minimum()).isNull();
		// the loss stays above 1.25 × its first value from lr 1e-2 on
		assertThat(recommendation.suggestions().divergence()).isEqualTo(1e-3);
		assertThat(recommendation.method()).isNull();
		assertThat(recommendation.recommendedLr()).isNull();
		assertThat(recommendation.warnings()).extracting(Recommendation.Warning::code).containsExactly("min_at_start");
		assertThat(recommendation.spread()).isNull();
	}

	@Test
	void invalidCurvesNameTheField() {
		double[] lr = { 1e-3, 1e-2, 1e-1, 1 };
		double[] loss = { 3, 2, 1, 2 };
		assertParameter(() -> RangeTestAnalysis.analyze(null, loss), "lr");
		assertParameter(() -> RangeTestAnalysis.analyze(lr, null), "loss");
		assertParameter(() -> RangeTestAnalysis.analyze(lr, new double[] { 1, 2, 3 }), "loss");
		assertParameter(() -> RangeTestAnalysis.analyze(new double[] { 1, 2 }, new double[] { 1, 2 }), "lr");
		assertParameter(() -> RangeTestAnalysis.analyze(new double[] { 0, 1, 2, 3 }, loss), "lr");
		assertParameter(() -> RangeTestAnalysis.analyze(new double[] { 1, 2, Double.NaN, 4 }, loss), "lr");
		assertParameter(() -> RangeTestAnalysis.analyze(new double[] { 1, 2, 2, 3 }, loss), "lr");
		assertParameter(() -> RangeTestAnalysis.analyze(new double[] { 1, 3, 2, 4 }, loss), "lr");
		assertParameter(() -> RangeTestAnalysis.analyze(lr, new double[] { 3, 2, Double.NaN, 1 }), "loss");
		assertParameter(() -> new AnalysisSettings(1, 10, 5), "smoothing");
		assertParameter(() -> new AnalysisSettings(0.98, -1, 5), "skipStart");
		assertParameter(() -> new AnalysisSettings(0.98, 10, -1), "skipEnd");
	}

	@Test
	void missingSettingsTakeTheDefaults() {
		assertThat(AnalysisSettings.of(null, null, null)).isEqualTo(new AnalysisSettings(0.98, 10, 5));
		assertThat(AnalysisSettings.of(0.0, 3, null)).isEqualTo(new AnalysisSettings(0, 3, 5));
	}

	private static void assertParameter(Runnable invalid, String parameter) {
		assertThatThrownBy(invalid::run).isInstanceOfSatisfying(InvalidParameterException.class,
				e -> assertThat(e.parameter()).isEqualTo(parameter));
	}

}
