package dev.lrtune.core.schedule;

import dev.lrtune.core.InvalidParameterException;

/** Range checks shared by the schedule constructors; each names the parameter as the JSON contract spells it. */
final class Check {

	private Check() {
	}

	static double nonNegative(String parameter, double value) {
		if (!(value >= 0) || Double.isInfinite(value)) {
			throw new InvalidParameterException(parameter, "must be a finite number >= 0, was " + value);
		}
		return value;
	}

	static double positive(String parameter, double value) {
		if (!(value > 0) || Double.isInfinite(value)) {
			throw new InvalidParameterException(parameter, "must be a finite number > 0, was " + value);
		}
		return value;
	}

	static double between(String parameter, double value, double min, double max) {
		if (!(value >= min && value <= max)) {
			throw new InvalidParameterException(parameter, "must be between " + min + " and " + max + ", was " + value);
		}
		return value;
	}

	static int atLeast(String parameter, int value, int min) {
		if (value < min) {
			throw new InvalidParameterException(parameter, "must be at least " + min + ", was " + value);
		}
		return value;
	}

	static double atLeast(String parameter, double value, double min) {
		if (!(value >= min) || Double.isInfinite(value)) {
			throw new InvalidParameterException(parameter, "must be a finite number >= " + min + ", was " + value);
		}
		return value;
	}

	static double notAbove(String parameter, double value, String limitName, double limit) {
		if (!(value <= limit)) {
			throw new InvalidParameterException(parameter,
					"must not exceed " + limitName + " (" + limit + "), was " + value);
		}
		return value;
	}

	static double notBelow(String parameter, double value, String limitName, double limit) {
		if (!(value >= limit)) {
			throw new InvalidParameterException(parameter,
					"must be at least " + limitName + " (" + limit + "), was " + value);
		}
		return value;
	}

	/** Copies {@code values}, requiring each to be {@code >= 0} and larger than the one before. */
	static int[] strictlyIncreasing(String parameter, int[] values) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] < 0) {
				throw new InvalidParameterException(parameter,
						"must be >= 0, but " + parameter + "[" + i + "] is " + values[i]);
			}
			if (i > 0 && values[i] <= values[i - 1]) {
				throw new InvalidParameterException(parameter, "must be strictly increasing, but " + parameter + "["
						+ i + "] = " + values[i] + " follows " + values[i - 1]);
			}
		}
		return values.clone();
	}

	static int iterationsPerStep(int iterations) {
		if (iterations < 1) {
			throw new IllegalArgumentException("iterations per step must be at least 1, was " + iterations);
		}
		return iterations;
	}

}
