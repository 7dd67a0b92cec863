package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The cell parser against the JDK: for every string of the strict number syntax, the same double as
 * {@link Double#parseDouble} (overflow aside, which is not a number), read from a span inside a longer text, through
 * both the fast path and the general parser; and the same missing cells as the definition by lower-casing.
 */
class CellsNumberTests {

	private static final Pattern STRICT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "-nan", "null", "none", "#n/a", "<na>",
			"?");

	private static final BigDecimal HALF_DIVISOR = BigDecimal.valueOf(2);

	private final SplittableRandom random = new SplittableRandom(20261207);

	@Test
	void randomDigitsPointsSignsAndExponents() {
		for (int i = 0; i < 200_000; i++) {
			StringBuilder number = new StringBuilder(sign());
			String digits = digits(1 + random.nextInt(random.nextBoolean() ? 17 : 25));
			int point = random.nextInt(digits.length() + 2) - 1;
			number.append(point < 0 ? digits : digits.substring(0, point) + "." + digits.substring(point));
			if (random.nextInt(3) == 0) {
				number.append(random.nextBoolean() ? 'e' : 'E').append(sign()).append(random.nextInt(random.nextBoolean() ? 30 : 400));
			}
			assertSameAsJdk(number.toString());
		}
	}

	@Test
	void longMantissas() {
		for (int i = 0; i < 5_000; i++) {
			String digits = digits(19 + random.nextInt(800));
			int point = random.nextInt(digits.length());
			assertSameAsJdk(sign() + digits.substring(0, point) + "." + digits.substring(point) + "e" + sign()
					+ random.nextInt(400));
		}
	}

	@Test
	void everyDoubleAsJavaWritesIt() {
		for (int i = 0; i < 50_000; i++) {
			double value = Double.longBitsToDouble(random.nextLong());
			if (Double.isFinite(value)) {
				assertSameAsJdk(Double.toString(value));
				assertSameAsJdk(String.format(Locale.ROOT, "%.3f", value % 1e6));
			}
		}
	}

	@Test
	void halfwayCasesAndTheirNeighbours() {
		for (int i = 0; i < 5_000; i++) {
			double value = Math.abs(Double.longBitsToDouble(random.nextLong()));
			if (!Double.isFinite(value) || Double.isInfinite(Math.nextUp(value))) {
				continue;
			}
			BigDecimal halfway = new BigDecimal(value).add(new BigDecimal(Math.nextUp(value))).divide(HALF_DIVISOR);
			String plain = halfway.toString();
			assertSameAsJdk(plain);
			assertSameAsJdk(halfway.toPlainString());
			assertSameAsJdk(halfway.add(halfway.ulp()).toString());
			assertSameAsJdk(halfway.subtract(halfway.ulp()).toString());
		}
	}

	@Test
	void subnormalsAndTheEdgesOfTheRange() {
		for (int i = 0; i < 3_000; i++) {
			double subnormal = Double.longBitsToDouble(random.nextLong(1, 1L << 52));
			assertSameAsJdk(Double.toString(subnormal));
			assertSameAsJdk(new BigDecimal(subnormal).add(new BigDecimal(Math.nextUp(subnormal)))
				.divide(HALF_DIVISOR)
				.toString());
		}
		for (String edge : List.of("4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400",
				"2.2250738585072011e-308", "2.2250738585072012e-308", "1.7976931348623157e308", "1.7976931348623158e308",
				"1.7976931348623159e308", "1e309", "1e99999999999", "1e-99999999999", "0e99999999999")) {
			assertSameAsJdk(edge);
			assertSameAsJdk("-" + edge);
		}
	}

	@Test
	void aroundTheFastPathsLimits() {
		List<String> numbers = new ArrayList<>(List.of("9007199254740992", "9007199254740993", "9007199254740993e-5",
				"9007199254740991e22", "9007199254740993e22", "1e22", "1e23", "1e-22", "1e-23", "123456789012345678e-22",
				"1234567890123456789", "12345678901234567890", "0.1", "0.2", "0.3", "0.30000000000000004",
				"999999999999999999e-22", "000000000000000000000012.5", "1.000000000000000000000000001"));
		for (int i = 0; i < 100_000; i++) {
			numbers.add(Long.toString(random.nextLong(1L << 55)) + "e" + (random.nextInt(50) - 25));
			numbers.add(digits(15 + random.nextInt(5)) + "e-" + random.nextInt(25));
		}
		numbers.forEach(this::assertSameAsJdk);
	}

	@Test
	void theShortFormsTheSyntaxAllows() {
		for (String number : List.of("+1", "+.5", ".5", "-.5", "3.", "-3.", "+3.e2", "007", "-0", "+0", "0.000", "-0.0e5",
				"00000.0e5", "1E+0", "1e-0", ".0", "5.E-1")) {
			assertSameAsJdk(number);
		}
	}

	@Test
	void stringsOutsideTheSyntaxAreNotNumbers() {
		String alphabet = "0123456789+-.eE x,f";
		for (int i = 0; i < 200_000; i++) {
			StringBuilder text = new StringBuilder();
			for (int n = 1 + random.nextInt(8); n > 0; n--) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String candidate = text.toString();
			if (STRICT.matcher(candidate).matches()) {
				assertSameAsJdk(candidate);
			}
			else {
				assertThat(Cells.number(candidate)).as(candidate).isNaN();
				assertThat(Cells.number(CsvText.of("[" + candidate + "]"), 1, candidate.length() + 1, new char[64]))
					.as(candidate)
					.isNaN();
				assertThat(Cells.number(ascii("[" + candidate + "]"), 1, candidate.length() + 1, new char[64]))
					.as(candidate)
					.isNaN();
			}
		}
	}

	@Test
	void missingCellsAreTheTokensInAnyCaseAndNothingElse() {
		List<String> tokens = List.of("na", "n/a", "nan", "-nan", "null", "none", "#n/a", "<na>", "?");
		for (String token : tokens) {
			for (int position = 0; position < token.length(); position++) {
				for (char c = 0x80; c < 0xFFFF; c++) {
					assertMissingAsDefined(token.substring(0, position) + c + token.substring(position + 1));
				}
			}
		}
		String alphabet = "nNaA/uUlLoOeE#<>?-iI\u0130\u0131\u212A\u017F ";
		for (int i = 0; i < 200_000; i++) {
			StringBuilder text = new StringBuilder();
			for (int n = random.nextInt(6); n > 0; n--) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertMissingAsDefined(text.toString());
		}
		tokens.forEach(token -> assertMissingAsDefined(token.toUpperCase(Locale.ROOT)));
	}

	private void assertMissingAsDefined(String cell) {
		boolean expected = cell.length() <= 4 && MISSING.contains(cell.toLowerCase(Locale.ROOT));
		String text = "x" + cell + "y";
		boolean asBytes = !isAscii(text) || Cells.isMissing(ascii(text), 1, cell.length() + 1) == expected;
		if (Cells.isMissing(CsvText.of(text), 1, cell.length() + 1) != expected || Cells.isMissing(cell) != expected
				|| !asBytes) {
			throw new AssertionError("'" + cell + "' should " + (expected ? "" : "not ") + "be missing");
		}
	}

	private void assertSameAsJdk(String number) {
		double parsed = Double.parseDouble(number);
		long expected = Double.doubleToRawLongBits(Double.isInfinite(parsed) ? Double.NaN : parsed + 0.0);
		String text = "1,2," + number + ",3";
		int from = 4;
		int to = from + number.length();
		long[] found = { Double.doubleToRawLongBits(Cells.number(number)),
				Double.doubleToRawLongBits(Cells.number(CsvText.of(text), from, to, new char[64])),
				Double.doubleToRawLongBits(Cells.number(CsvText.of(text), from, to, new char[0])),
				Double.doubleToRawLongBits(Cells.number(ascii(text), from, to, new char[64])),
				Double.doubleToRawLongBits(Cells.number(ascii(text), from, to, new char[0])) };
		for (long bits : found) {
			if (bits != expected) {
				throw new AssertionError("'" + number + "': " + Double.longBitsToDouble(bits) + " instead of "
						+ Double.longBitsToDouble(expected));
			}
		}
	}

	private String sign() {
		return switch (random.nextInt(4)) {
			case 0 -> "+";
			case 1 -> "-";
			default -> "";
		};
	}

	private String digits(int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		return digits.toString();
	}

	/** The text as an upload of ASCII bytes is read: from the bytes themselves. */
	private static CsvText ascii(String text) {
		return CsvText.decode(text.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
	}

	private static boolean isAscii(String text) {
		return text.chars().allMatch(c -> c < 0x80 && c != 0);
	}

}
