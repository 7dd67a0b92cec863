package dev.lrtune.dataset;

import java.util.Locale;
import java.util.Set;

/**
 * What a CSV cell means. Cells are trimmed first. Missing: an empty cell and, in any letter case,
 * {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code None}, {@code #N/A}, {@code <NA>},
 * {@code -NaN} and {@code ?} (pandas' defaults, plus the UCI repository's {@code ?}). A number: an
 * optional sign, digits with an optional decimal point, an optional exponent ({@code -1.5e-3},
 * {@code .5}, {@code 3.}); nothing else (no {@code inf}, hex, thousands separators or Java's
 * {@code 1f}), and nothing that overflows a double.
 */
final class Cells {

	private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "-nan", "null", "none", "#n/a", "<na>",
			"?");

	private Cells() {
	}

	static boolean isMissing(String trimmed) {
		return trimmed.length() <= 4 && MISSING.contains(trimmed.toLowerCase(Locale.ROOT));
	}

	/** The cell's value, or NaN when the cell is not a number in the strict sense above. */
	static double number(String trimmed) {
		if (!isNumber(trimmed)) {
			return Double.NaN;
		}
		double value = Double.parseDouble(trimmed);
		return Double.isInfinite(value) ? Double.NaN : value + 0.0;
	}

	/** A numeric label as people write it: {@code 3} rather than {@code 3.0}, {@code 0.25} as is. */
	static String label(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}

	private static boolean isNumber(String s) {
		int i = 0;
		int n = s.length();
		if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
			i++;
		}
		int digits = 0;
		while (i < n && isDigit(s.charAt(i))) {
			i++;
			digits++;
		}
		if (i < n && s.charAt(i) == '.') {
			i++;
			while (i < n && isDigit(s.charAt(i))) {
				i++;
				digits++;
			}
		}
		if (digits == 0) {
			return false;
		}
		if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
			i++;
			if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
				i++;
			}
			int exponent = 0;
			while (i < n && isDigit(s.charAt(i))) {
				i++;
				exponent++;
			}
			if (exponent == 0) {
				return false;
			}
		}
		return i == n;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
