package dev.lrtune.core.model;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Exp} gives {@link StrictMath#exp}'s bits (the JDK's fdlibm), argument by argument. */
class ExpTests {

	/** The thresholds of each branch (|x| = 2^−28, ln2/2, 1.5·ln2, 709.78, the over- and underflow bounds). */
	@ParameterizedTest(name = "x={0}")
	@ValueSource(doubles = { 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 3.725290298461914E-9, -3.725290298461914E-9,
			0.34657359027997264, -0.34657359027997264, 1.0397207708399179, -1.0397207708399179, 709.782712893384,
			-709.782712893384, 709.7827128933841, -707.7032713517042, -708.3964185322641, -708.4, -709.0895657128241, -720.0,
			-745.1332191019411, -745.1332191019412, -746.0, 710.0, 1e300, -1e300, Double.MAX_VALUE,
			-Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-20,
			Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN })
	void specialAndBoundaryArguments(double x) {
		assertSameBits(x);
		assertSameBits(Math.nextUp(x));
		assertSameBits(Math.nextDown(x));
	}

	/** Where the logistic loss calls it: −|z| for dot products z of every magnitude. */
	@Test
	void argumentsOfTheLogisticLoss() {
		SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < 2_000_000; i++) {
			assertSameBits(-random.nextDouble() * Math.scalb(1.0, random.nextInt(-40, 11)));
		}
	}

	@Test
	void uniformArgumentsAcrossTheWholeRange() {
		SplittableRandom random = new SplittableRandom(2);
		for (int i = 0; i < 2_000_000; i++) {
			assertSameBits(random.nextDouble(-750.0, 712.0));
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
		SameBitsAsStrictMath.assertSameBits("exp", StrictMath::exp, Exp::exp, x);
	}

}
