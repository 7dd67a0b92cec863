package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.LrRamp.Mode;
import dev.lrtune.core.schedule.Schedule;

class LrRampTests {

	@Test
	void exponentialRampHitsBothEndsAndTheGeometricMeanHalfway() {
		Schedule ramp = LrRamp.exponential(1e-7, 10, 101);

		assertThat(ramp.lr(0)).isEqualTo(1e-7);
		assertThat(ramp.lr(100)).isEqualTo(10);
		assertThat(ramp.lr(50)).isCloseTo(Math.sqrt(1e-7 * 10), within(1e-15));
		assertThat(ramp.lr(25)).isCloseTo(1e-7 * Math.pow(1e8, 0.25), within(1e-15));
	}

	@Test
	void linearRampHitsBothEndsAndTheArithmeticMeanHalfway() {
		Schedule ramp = new LrRamp(0.01, 1.01, 11, Mode.LINEAR);

		assertThat(ramp.lr(0)).isEqualTo(0.01);
		assertThat(ramp.lr(10)).isEqualTo(1.01);
		assertThat(ramp.lr(5)).isCloseTo(0.51, within(1e-15));
		assertThat(ramp.lr(1)).isCloseTo(0.11, within(1e-15));
	}

	@Test
	void stepsPastTheEndStayAtEndLr() {
		assertThat(LrRamp.exponential(1e-5, 1, 10).lr(1_000)).isEqualTo(1);
	}

	@Test
	void everyStepHasAStrictlyHigherRate() {
		double[] lrs = LrRamp.exponential(1e-7, 10, 1_000).lrs();

		assertThat(lrs).hasSize(1_000);
		for (int i = 1; i < lrs.length; i++) {
			assertThat(lrs[i]).isGreaterThan(lrs[i - 1]);
		}
	}

	@Test
	void modeIsParsedFromItsJsonName() {
		assertThat(Mode.of("exponential")).isEqualTo(Mode.EXPONENTIAL);
		assertThat(Mode.of("Linear")).isEqualTo(Mode.LINEAR);
		assertThat(Mode.LINEAR.jsonName()).isEqualTo("linear");
	}

	@Test
	void invalidRampsNameTheField() {
		assertParameter(() -> LrRamp.exponential(0, 1, 10), "startLr");
		assertParameter(() -> LrRamp.exponential(Double.NaN, 1, 10), "startLr");
		assertParameter(() -> LrRamp.exponential(1, 1, 10), "endLr");
		assertParameter(() -> LrRamp.exponential(1, Double.POSITIVE_INFINITY, 10), "endLr");
		assertParameter(() -> LrRamp.exponential(1, 1 + 1e-12, 100), "endLr");
		assertParameter(() -> LrRamp.exponential(1e-7, 10, 1), "iterations");
		assertParameter(() -> new LrRamp(1e-7, 10, 100, null), "mode");
		assertParameter(() -> Mode.of("cosine"), "mode");
	}

	private static void assertParameter(Runnable invalid, String parameter) {
		assertThatThrownBy(invalid::run).isInstanceOfSatisfying(InvalidParameterException.class,
				e -> assertThat(e.parameter()).isEqualTo(parameter));
	}

}
