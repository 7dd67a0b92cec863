package dev.lrtune.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;

/** The check shared by the tests of the Java ports of fdlibm's functions: the same bits as StrictMath's. */
final class SameBitsAsStrictMath {

	private SameBitsAsStrictMath() {
	}

	/** {@code port(x)} has the bits of {@code strict(x)}; any NaN matches any NaN. */
	static void assertSameBits(String name, DoubleUnaryOperator strict, DoubleUnaryOperator port, double x) {
		double expected = strict.applyAsDouble(x);
		double actual = port.applyAsDouble(x);
		if (Double.isNaN(expected)) {
			assertThat(actual).as("%s(%s)", name, x).isNaN();
			return;
		}
		if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
			assertThat(Double.toHexString(actual)).as("%s(%s) = %s(%s)", name, x, name, Double.toHexString(x))
				.isEqualTo(Double.toHexString(expected));
		}
	}

}
