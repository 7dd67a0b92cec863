package dev.lrtune.core.data.synthetic;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import dev.lrtune.core.InvalidParameterException;

/** Reads {@code synthetic:<generator>?k=v&...}; strict, so a typo is a 400 rather than a silent default. */
final class SyntheticReferenceParser {

	/** Plain decimals only: no hex floats, type suffixes, NaN or Infinity that {@code parseDouble} would accept. */
	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	private static final Set<String> PARAMETERS = Set.of("samples", "features", "classes", "noise", "seed");

	private SyntheticReferenceParser() {
	}

	static SyntheticSpec parse(String reference) {
		if (!SyntheticSpec.isSyntheticReference(reference)) {
			throw new InvalidParameterException("dataset", "expected synthetic:<generator>?k=v&..., got '" + reference + "'");
		}
		String rest = reference.substring(SyntheticSpec.PREFIX.length());
		int question = rest.indexOf('?');
		Generator generator = Generator.of(question < 0 ? rest : rest.substring(0, question));
		SyntheticSpec defaults = SyntheticSpec.defaults(generator);
		int samples = defaults.samples();
		int features = defaults.features();
		int classes = defaults.classes();
		double noise = defaults.noise();
		long seed = defaults.seed();
		Set<String> seen = new HashSet<>();
		String query = question < 0 ? "" : rest.substring(question + 1);
		for (String pair : query.isEmpty() ? new String[0] : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			String key = equals < 0 ? pair : pair.substring(0, equals);
			if (key.isEmpty()) {
				throw new InvalidParameterException("dataset", "empty parameter in '" + reference + "'");
			}
			if (!PARAMETERS.contains(key)) {
				throw new InvalidParameterException(key, "unknown parameter of synthetic datasets, expected one of "
						+ "samples, features, classes, noise, seed");
			}
			if (!seen.add(key)) {
				throw new InvalidParameterException(key, "given more than once");
			}
			if (equals < 0 || equals == pair.length() - 1) {
				throw new InvalidParameterException(key, "has no value");
			}
			String value = pair.substring(equals + 1);
			switch (key) {
				case "samples" -> samples = parseInt(key, value);
				case "features" -> features = parseInt(key, value);
				case "classes" -> classes = classes(generator, parseInt(key, value));
				case "noise" -> noise = parseDouble(key, value);
				default -> seed = parseLong(key, value);
			}
		}
		return new SyntheticSpec(generator, samples, features, classes, noise, seed);
	}

	private static int classes(Generator generator, int classes) {
		if (!generator.isClassification()) {
			throw new InvalidParameterException("classes", generator.id() + " is a regression problem without classes");
		}
		return classes;
	}

	private static int parseInt(String key, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidParameterException(key, "must be an integer, got '" + value + "'");
		}
	}

	private static long parseLong(String key, String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidParameterException(key, "must be an integer, got '" + value + "'");
		}
	}

	private static double parseDouble(String key, String value) {
		if (!DECIMAL.matcher(value).matches()) {
			throw new InvalidParameterException(key, "must be a decimal number, got '" + value + "'");
		}
		double parsed = Double.parseDouble(value);
		if (Double.isInfinite(parsed)) {
			throw new InvalidParameterException(key, "is too large: '" + value + "'");
		}
		return parsed;
	}

}
