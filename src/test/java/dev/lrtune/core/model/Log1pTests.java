package dev.lrtune.core.model;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Log1p} gives {@link StrictMath#log1p}'s bits (the JDK's fdlibm), argument by argument. */
class Log1pTests {

	@ParameterizedTest(name = "x={0}")
	@ValueSource(doubles = { 0.0, -0.0, 1.0, -1.0, -0.5, 0.5, 2.0, 1e-300, -1e-300, Double.MIN_VALUE,
			-Double.MIN_VALUE, Double.MIN_NORMAL, 1e-20, 5.551115123125783e-17, 1.0 / (1L << 29), 0.41421356,
			0.41422, -0.29289, -0.2929, 0.9999999999999999, 1.0000000000000002, 9007199254740992.0,
			9007199254740994.0, 1e300, Double.MAX_VALUE, -1.0000000000000002, -2.0, -1e300,
			Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.41421356237309503,
			0.4142135623730951, 3.814697265625E-6, 9.5367431640625E-7 })
	void specialAndBoundaryArguments(double x) {
		assertSameBits(x);
		assertSameBits(Math.nextUp(x));
		assertSameBits(Math.nextDown(x));
	}

	/** Where the logistic loss calls it: e^−|z| in (0, 1]. */
	@Test
	void exponentialsOfTheLogisticLoss() {
		SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < 1_000_000; i++) {
			double z = random.nextDouble() * Math.scalb(1.0, random.nextInt(-40, 10));
			assertSameBits(StrictMath.exp(-z));
		}
	}

	@Test
	void uniformArgumentsOnEachSideOfTheReductions() {
		SplittableRandom random = new SplittableRandom(2);
		for (int i = 0; i < 1_000_000; i++) {
			assertSameBits(random.nextDouble(-1.0, 3.0));
		}
	}

	/** Every magnitude and sign, NaN payloads included: random bit patterns. */
	@Test
	void randomBitPatterns() {
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 1_000_000; i++) {
			assertSameBits(Double.longBitsToDouble(random.nextLong()));
		}
	}

	private static void assertSameBits(double x) {
		SameBitsAsStrictMath.assertSameBits("log1p", StrictMath::log1p, Log1p::log1p, x);
	}

}
