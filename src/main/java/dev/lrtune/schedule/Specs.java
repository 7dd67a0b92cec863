package dev.lrtune.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.schedule.Choices;
import dev.lrtune.core.schedule.Interval;
import dev.lrtune.core.schedule.Schedule;

/** What the spec records share: parameter texts for the docs, and null-safe conversion to the core schedules. */
final class Specs {

	static final String LR = "Learning rate at step 0; >= 0.";

	static final String INTERVAL = "What one step of this schedule counts: `iteration` (every optimizer update) or "
			+ "`epoch` (the schedule sees step ⌊iteration / iterations per epoch⌋ and changes once per epoch). "
			+ "Nested schedules keep their own interval.";

	static final String ITERATION = "iteration";

	static final String EPOCH = "epoch";

	private Specs() {
	}

	static <T> T orDefault(T value, T fallback) {
		return value != null ? value : fallback;
	}

	/** An unmodifiable copy of {@code values} that keeps null entries for validation to report. */
	static <T> List<T> copy(List<T> values) {
		return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
	}

	/** {@code value}, or an {@link InvalidParameterException} saying {@code parameter} is missing. */
	static <T> T required(String parameter, T value) {
		if (value == null) {
			throw new InvalidParameterException(parameter, "is required");
		}
		return value;
	}

	static int[] ints(String parameter, List<Integer> values) {
		required(parameter, values);
		int[] result = new int[values.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = required(parameter + "[" + i + "]", values.get(i));
		}
		return result;
	}

	static double[] doubles(String parameter, List<Double> values) {
		required(parameter, values);
		double[] result = new double[values.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = required(parameter + "[" + i + "]", values.get(i));
		}
		return result;
	}

	static <E extends Enum<E>> E option(Class<E> options, String parameter, String name) {
		return Choices.parse(options, parameter, name);
	}

	static Interval interval(String name) {
		return option(Interval.class, "interval", name);
	}

	/** The leaf schedule {@code schedule}, stepping in the spec's {@code interval}. */
	static Schedule leaf(String interval, Schedule schedule, int iterationsPerEpoch) {
		return interval(interval).apply(schedule, iterationsPerEpoch);
	}

	/** Builds a nested spec, naming any parameter it rejects under {@code path} ({@code then.tMax}). */
	static Schedule nested(String path, ScheduleSpec spec, int iterationsPerEpoch) {
		required(path, spec);
		try {
			return spec.toSchedule(iterationsPerEpoch);
		}
		catch (InvalidParameterException ex) {
			throw ex.under(path);
		}
	}

}
