package dev.lrtune.dataset;

import tools.jackson.core.io.NumberInput;

/**
 * What a CSV cell means. Cells are trimmed first. Missing: an empty cell and, in any letter case,
 * {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code None}, {@code #N/A}, {@code <NA>},
 * {@code -NaN} and {@code ?} (pandas' defaults, plus the UCI repository's {@code ?}). A number: an
 * optional sign, digits with an optional decimal point, an optional exponent ({@code -1.5e-3},
 * {@code .5}, {@code 3.}); nothing else (no {@code inf}, hex, thousands separators or Java's
 * {@code 1f}), and nothing that overflows a double.
 * <p>
 * Both are read from a span of the upload's text ({@code from} to {@code to}) as well as from a String, so that the
 * CSV reader needs no String per cell. A number gives the double {@link Double#parseDouble} gives, without the String and the
 * digit buffer that one allocates per call (see {@link #number(CsvText, int, int, char[])}).
 */
final class Cells {

	/** The missing tokens in lower case, all ASCII. */
	private static final String[] MISSING = { "na", "n/a", "nan", "-nan", "null", "none", "#n/a", "<na>", "?" };

	/** Significant digits gathered into a long (below 10^18, so never overflowing it). */
	private static final int MAX_GATHERED = 18;

	/** Integers up to 2^53 are doubles exactly. */
	private static final long EXACT_MANTISSA = 1L << 53;

	/** Powers of ten up to 10^22 are doubles exactly. */
	private static final int MAX_EXACT_POWER = 22;

	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
			1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

	/** Where gathering exponent digits stops: far beyond any double, and far from overflowing an int. */
	private static final int EXPONENT_CAP = 100_000;

	private static final char[] NO_DIGITS = {};

	private Cells() {
	}

	static boolean isMissing(String trimmed) {
		return isMissing(CsvText.of(trimmed), 0, trimmed.length());
	}

	static boolean isMissing(CsvText text, int from, int to) {
		int length = to - from;
		if (length == 0) {
			return true;
		}
		if (length > 4 || isDigit(text.charAt(from))) {
			return false;
		}
		for (String token : MISSING) {
			if (token.length() == length && equalsIgnoringAsciiCase(text, from, token)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the span equals the lower-case ASCII token in any letter case, as {@code toLowerCase(Locale.ROOT)} would
	 * have it. Only ASCII letters are folded: the only other characters that lower-case to ASCII letters are the Kelvin
	 * sign ('k') and the dotted capital I ('i' and a combining dot), and no token has a 'k' or an 'i'.
	 */
	private static boolean equalsIgnoringAsciiCase(CsvText text, int from, String token) {
		for (int i = 0; i < token.length(); i++) {
			char c = text.charAt(from + i);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if (c != token.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** The cell's value, or NaN when the cell is not a number in the strict sense above. */
	static double number(String trimmed) {
		return number(CsvText.of(trimmed), 0, trimmed.length(), NO_DIGITS);
	}

	/**
	 * The span's value, or NaN when it is not a number in the strict sense above. One pass checks the syntax and
	 * gathers the digits. When the significant digits, read as an integer, are at most 2^53 and the power of ten is
	 * within ±22 (such as {@code 1.234} or {@code -0.5}), both are doubles exactly, and one multiplication or division
	 * rounds once, correctly, to the double {@link Double#parseDouble} gives (Clinger's fast path, which it takes
	 * too). Any other number goes to a correctly rounded parser.
	 * @param digits where the span's characters are copied for that parser; a longer span is parsed from a String
	 */
	static double number(CsvText text, int from, int to, char[] digits) {
		int i = from;
		boolean negative = false;
		if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
			negative = text.charAt(i) == '-';
			i++;
		}
		long mantissa = 0;
		int significant = 0;
		int count = 0;
		int fraction = 0;
		boolean point = false;
		for (; i < to; i++) {
			char c = text.charAt(i);
			if (isDigit(c)) {
				count++;
				fraction += point ? 1 : 0;
				if (significant > 0 || c != '0') {
					if (++significant <= MAX_GATHERED) {
						mantissa = mantissa * 10 + (c - '0');
					}
				}
			}
			else if (c == '.' && !point) {
				point = true;
			}
			else {
				break;
			}
		}
		if (count == 0) {
			return Double.NaN;
		}
		int exponent = 0;
		if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
			i++;
			boolean negativeExponent = false;
			if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
				negativeExponent = text.charAt(i) == '-';
				i++;
			}
			int start = i;
			for (; i < to && isDigit(text.charAt(i)); i++) {
				if (exponent < EXPONENT_CAP) {
					exponent = exponent * 10 + (text.charAt(i) - '0');
				}
			}
			if (i == start) {
				return Double.NaN;
			}
			exponent = negativeExponent ? -exponent : exponent;
		}
		if (i != to) {
			return Double.NaN;
		}
		if (mantissa == 0) {
			return 0.0;
		}
		long power = (long) exponent - fraction;
		if (significant <= MAX_GATHERED && mantissa <= EXACT_MANTISSA && Math.abs(power) <= MAX_EXACT_POWER) {
			double value = power >= 0 ? mantissa * POWERS_OF_TEN[(int) power] : mantissa / POWERS_OF_TEN[(int) -power];
			return negative ? -value : value;
		}
		return finite(parse(text, from, to, digits));
	}

	private static double parse(CsvText text, int from, int to, char[] digits) {
		int length = to - from;
		if (length > digits.length) {
			return Double.parseDouble(text.substring(from, to));
		}
		text.getChars(from, to, digits);
		return NumberInput.parseDouble(digits, 0, length, true);
	}

	/** Infinity (an overflow) as not a number, and -0.0 as 0.0. */
	private static double finite(double value) {
		return Double.isInfinite(value) ? Double.NaN : value + 0.0;
	}

	/** A numeric label as people write it: {@code 3} rather than {@code 3.0}, {@code 0.25} as is. */
	static String label(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
