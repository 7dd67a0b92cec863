package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.InvalidParameterException;

class SmoothedLossTests {

	@Test
	void smoothedValuesAreTheBiasCorrectedMovingAverageComputedByHand() {
		// β = 0.5: avg 2, 2, 1.5; corrections 1/2, 3/4, 7/8
		double[] smoothed = SmoothedLoss.smooth(new double[] { 4, 2, 1 }, 0.5);

		assertThat(smoothed[0]).isEqualTo(4);
		assertThat(smoothed[1]).isCloseTo(8.0 / 3, within(1e-15));
		// = (0.25·4 + 0.5·2 + 1·1) / (0.25 + 0.5 + 1)
		assertThat(smoothed[2]).isCloseTo(12.0 / 7, within(1e-15));
	}

	@Test
	void firstSmoothedValueIsTheFirstLossThanksToBiasCorrection() {
		assertThat(new SmoothedLoss(0.98).add(2.5)).isCloseTo(2.5, within(1e-15));
	}

	@Test
	void smoothingZeroReturnsTheRawLosses() {
		double[] raw = { 3.25, -0.0, 1e-300, 7.5, 0.125, 2 };

		assertThat(SmoothedLoss.smooth(raw, 0)).containsExactly(raw);
	}

	@Test
	void streamingAndArrayVersionsGiveIdenticalNumbers() {
		SplittableRandom random = new SplittableRandom(7);
		double[] raw = random.doubles(500, 0, 3).toArray();
		SmoothedLoss streaming = new SmoothedLoss(0.98);
		double[] streamed = new double[raw.length];
		for (int i = 0; i < raw.length; i++) {
			streamed[i] = streaming.add(raw[i]);
		}

		assertThat(SmoothedLoss.smooth(raw, 0.98)).containsExactly(streamed);
		assertThat(streaming.value()).isEqualTo(streamed[raw.length - 1]);
		assertThat(streaming.count()).isEqualTo(raw.length);
	}

	@Test
	void minimumTracksTheLowestSmoothedLoss() {
		SmoothedLoss smoothed = new SmoothedLoss(0);
		smoothed.add(3);
		smoothed.add(1);
		smoothed.add(2);

		assertThat(smoothed.minimum()).isEqualTo(1);
	}

	@Test
	void aNonFiniteLossMakesEveryLaterSmoothedValueNaN() {
		assertThat(SmoothedLoss.smooth(new double[] { 1, 2, Double.NaN, 1, 1 }, 0.9)).startsWith(1)
			.satisfies(s -> assertThat(s[1]).isFinite())
			.satisfies(s -> assertThat(new double[] { s[2], s[3], s[4] }).containsOnly(Double.NaN));
		assertThat(SmoothedLoss.smooth(new double[] { 1, Double.POSITIVE_INFINITY, 1 }, 0))
			.containsExactly(1, Double.NaN, Double.NaN);
	}

	@Test
	void divergesWhenTheSmoothedLossExceedsTheFactorTimesItsMinimum() {
		SmoothedLoss smoothed = new SmoothedLoss(0);
		assertThat(smoothed.diverged(4)).isFalse();
		smoothed.add(1);
		smoothed.add(0.5);
		smoothed.add(2.0);
		assertThat(smoothed.diverged(4)).as("exactly 4 × minimum is not above it").isFalse();
		smoothed.add(2.01);
		assertThat(smoothed.diverged(4)).isTrue();
		assertThat(smoothed.diverged(5)).isFalse();
	}

	@Test
	void divergesOnANonFiniteLoss() {
		SmoothedLoss smoothed = new SmoothedLoss(0.98);
		smoothed.add(1);
		smoothed.add(Double.NaN);

		assertThat(smoothed.diverged(SmoothedLoss.DEFAULT_DIVERGENCE_FACTOR)).isTrue();
	}

	@Test
	void smoothingDampsASingleSpikeSoTheTestDoesNotStopOnIt() {
		SmoothedLoss smoothed = new SmoothedLoss(0.98);
		for (int i = 0; i < 50; i++) {
			smoothed.add(1);
		}
		smoothed.add(10);

		assertThat(smoothed.diverged(4)).isFalse();
	}

	@Test
	void invalidSmoothingOrDivergenceFactorNamesTheField() {
		assertThatThrownBy(() -> new SmoothedLoss(1)).isInstanceOfSatisfying(InvalidParameterException.class,
				e -> assertThat(e.parameter()).isEqualTo("smoothing"));
		assertThatThrownBy(() -> new SmoothedLoss(-0.1)).isInstanceOfSatisfying(InvalidParameterException.class,
				e -> assertThat(e.parameter()).isEqualTo("smoothing"));
		assertThatThrownBy(() -> new SmoothedLoss(0.98).diverged(1))
			.isInstanceOfSatisfying(InvalidParameterException.class,
					e -> assertThat(e.parameter()).isEqualTo("divergenceFactor"));
	}

}
