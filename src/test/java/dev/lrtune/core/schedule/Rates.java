package dev.lrtune.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import dev.lrtune.core.InvalidParameterException;

/** Assertions shared by the schedule tests: rates agree to 12 significant digits. */
final class Rates {

	private Rates() {
	}

	static void assertClose(double actual, double expected) {
		assertThat(actual).isCloseTo(expected, within(1e-12 * Math.max(Math.abs(expected), 1e-9)));
	}

	/** {@code schedule.lr(k)} equals {@code expected[k]} for every k from 0. */
	static void assertRates(Schedule schedule, double... expected) {
		for (int k = 0; k < expected.length; k++) {
			double actual = schedule.lr(k);
			assertThat(actual).as("lr at step %d", k)
				.isCloseTo(expected[k], within(1e-12 * Math.max(Math.abs(expected[k]), 1e-9)));
		}
	}

	/** {@code schedule.momentum(k)} equals {@code expected[k]} for every k from 0. */
	static void assertMomenta(Schedule schedule, double... expected) {
		for (int k = 0; k < expected.length; k++) {
			assertThat(schedule.momentum(k)).as("momentum at step %d", k)
				.isCloseTo(expected[k], within(1e-12));
		}
	}

	static double[] rates(Schedule schedule, int steps) {
		return LongStream.range(0, steps).mapToDouble(schedule::lr).toArray();
	}

	/** {@code construction} throws an {@link InvalidParameterException} naming {@code parameter}. */
	static void assertRejects(String parameter, ThrowingCallable construction) {
		assertThatThrownBy(construction).isInstanceOfSatisfying(InvalidParameterException.class,
				ex -> assertThat(ex.parameter()).isEqualTo(parameter));
	}

}
