package dev.lrtune.core.schedule;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.lrtune.core.InvalidParameterException;

/**
 * The string form of the schedules' option enums: an option's JSON name is its constant's name in lower case
 * ({@code EXP_RANGE} ↔ {@code exp_range}).
 */
public final class Choices {

	private Choices() {
	}

	/** The option named {@code name}, or an {@link InvalidParameterException} that lists the allowed names. */
	public static <E extends Enum<E>> E parse(Class<E> options, String parameter, String name) {
		for (E option : options.getEnumConstants()) {
			if (nameOf(option).equals(name)) {
				return option;
			}
		}
		throw new InvalidParameterException(parameter,
				"must be one of " + String.join(", ", names(options)) + ", was \"" + name + "\"");
	}

	/** The JSON name of {@code option}. */
	public static String nameOf(Enum<?> option) {
		return option.name().toLowerCase(Locale.ROOT);
	}

	/** The JSON names of every option, in declaration order. */
	public static List<String> names(Class<? extends Enum<?>> options) {
		return Arrays.stream(options.getEnumConstants()).map(Choices::nameOf).toList();
	}

}
