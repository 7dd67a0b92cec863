package dev.lrtune.core.rangetest;

import java.util.Locale;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.schedule.Schedule;

/**
 * The learning rate of a range test: from {@code startLr} at step 0 to {@code endLr} at step
 * {@code iterations − 1}, as in fastai's {@code LRFinder} and pytorch-lr-finder
 * ({@code ExponentialLR}/{@code LinearLR} with {@code r = i/(num_iter − 1)}):
 *
 * <pre>
 * exponential: lr(i) = startLr · (endLr/startLr)^(i/(iterations−1))
 * linear:      lr(i) = startLr + (endLr − startLr) · i/(iterations−1)
 * </pre>
 *
 * Steps past the end stay at {@code endLr}; the last step is exactly {@code endLr}. The ramp is a
 * {@link Schedule}, so the trainer runs it like any other.
 *
 * @param startLr the first rate, &gt; 0
 * @param endLr the last rate, &gt; startLr
 * @param iterations the number of steps, ≥ 2
 * @param mode how the rate grows
 */
public record LrRamp(double startLr, double endLr, int iterations, Mode mode) implements Schedule {

	/**
	 * Consecutive rates must differ by at least this relative amount, so that the recorded lr is strictly
	 * increasing (the analysis requires it) despite rounding.
	 */
	static final double MIN_RELATIVE_STEP = 1e-9;

	/** How the rate grows between {@code startLr} and {@code endLr}. */
	public enum Mode {

		/** Evenly spaced in log(lr): the default, as in fastai and pytorch-lr-finder ({@code "exp"}). */
		EXPONENTIAL,

		/** Evenly spaced in lr. */
		LINEAR;

		/**
		 * The mode named {@code exponential} or {@code linear} (case-insensitive) in the JSON contract.
		 *
		 * @throws InvalidParameterException ({@code mode}) for any other name
		 */
		public static Mode of(String name) {
			for (Mode mode : values()) {
				if (mode.jsonName().equalsIgnoreCase(name)) {
					return mode;
				}
			}
			throw new InvalidParameterException("mode", "must be exponential or linear, was " + name);
		}

		/** The name in the JSON contract: {@code exponential} or {@code linear}. */
		public String jsonName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** @throws InvalidParameterException naming {@code startLr}, {@code endLr}, {@code iterations} or {@code mode} */
	public LrRamp {
		if (!(startLr > 0 && Double.isFinite(startLr))) {
			throw new InvalidParameterException("startLr", "must be a finite number > 0, was " + startLr);
		}
		if (!(endLr > startLr && Double.isFinite(endLr))) {
			throw new InvalidParameterException("endLr", "must be a finite number > startLr (" + startLr + "), was " + endLr);
		}
		if (iterations < 2) {
			throw new InvalidParameterException("iterations", "must be at least 2, was " + iterations);
		}
		if (mode == null) {
			throw new InvalidParameterException("mode", "is required");
		}
		if (mode == Mode.EXPONENTIAL && !Double.isFinite(endLr / startLr)) {
			throw new InvalidParameterException("endLr", "is too many orders of magnitude above startLr");
		}
		if (smallestRelativeStep(startLr, endLr, iterations, mode) < MIN_RELATIVE_STEP) {
			throw new InvalidParameterException("endLr",
					"is too close to startLr for " + iterations + " distinct learning rates");
		}
	}

	/** An exponential ramp, the default mode. */
	public static LrRamp exponential(double startLr, double endLr, int iterations) {
		return new LrRamp(startLr, endLr, iterations, Mode.EXPONENTIAL);
	}

	private static double smallestRelativeStep(double startLr, double endLr, int iterations, Mode mode) {
		double steps = iterations - 1;
		return switch (mode) {
			case EXPONENTIAL -> StrictMath.expm1(Math.log(endLr / startLr) / steps);
			case LINEAR -> (endLr - startLr) / steps / endLr;
		};
	}

	@Override
	public double lr(long step) {
		if (step < 0) {
			throw new IllegalArgumentException("step must be >= 0, was " + step);
		}
		if (step >= iterations - 1) {
			return endLr;
		}
		double fraction = (double) step / (iterations - 1);
		return switch (mode) {
			case EXPONENTIAL -> startLr * StrictMath.pow(endLr / startLr, fraction);
			case LINEAR -> startLr + (endLr - startLr) * fraction;
		};
	}

	/** The rates of all {@code iterations} steps. */
	public double[] lrs() {
		double[] lrs = new double[iterations];
		for (int i = 0; i < iterations; i++) {
			lrs[i] = lr(i);
		}
		return lrs;
	}

}
