package dev.lrtune.core.data;

import java.util.SplittableRandom;

/**
 * The independent random streams one job draws from, all derived from the job's {@code seed}: one for the
 * train/validation split, one for minibatch shuffling, one for weight initialisation. Each purpose gets its
 * own {@link SplittableRandom#split() split} of a root generator seeded with the job seed, so changing,
 * say, the batch size never changes the split or the initial weights.
 *
 * <p>{@link SplittableRandom} is specified bit for bit (SplitMix64) and uses no floating-point library
 * calls; {@link #gaussian(SplittableRandom)} uses {@link StrictMath} so that normal draws are identical on
 * every machine too ({@code nextGaussian} is not specified to that level).
 */
public final class RandomStreams {

	private enum Purpose {
		SPLIT, SHUFFLE, INIT
	}

	private RandomStreams() {
	}

	/** The stream that picks the validation rows. */
	public static SplittableRandom split(long seed) {
		return stream(seed, Purpose.SPLIT);
	}

	/** The stream that permutes the training rows every epoch. */
	public static SplittableRandom shuffle(long seed) {
		return stream(seed, Purpose.SHUFFLE);
	}

	/** The stream that draws the initial weights. */
	public static SplittableRandom init(long seed) {
		return stream(seed, Purpose.INIT);
	}

	/** A standard normal draw (Box–Muller, one of the pair; two uniforms per call). */
	public static double gaussian(SplittableRandom random) {
		double u1 = 1.0 - random.nextDouble(); // in (0, 1]: log stays finite
		double u2 = random.nextDouble();
		return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
	}

	/** Shuffles {@code values[0..length)} in place (Fisher–Yates, the same draws on every machine). */
	public static void shuffle(int[] values, int length, SplittableRandom random) {
		for (int i = length - 1; i > 0; i--) {
			int j = nextIndex(random, i + 1);
			int swap = values[i];
			values[i] = values[j];
			values[j] = swap;
		}
	}

	/**
	 * {@code random.nextInt(bound)}: the same value from the same draws, by the same rule (a draw past the largest
	 * multiple of {@code bound} is drawn again), which {@link SplittableRandom} has kept since Java 8, here as this
	 * class's own code so that the JIT profiles it from the shuffles (and the start-up warm-up) alone. Its two rare
	 * branches are where C2 went wrong: a bound that is a power of two, and drawing again (about {@code bound / 2³²}
	 * of the time: never in a small shuffle, about once in one of 100,000 rows). C2 compiles a branch its profile has
	 * never seen taken as a trap, which throws the compiled code away when it is taken: a large job's split then ran
	 * interpreted and was compiled again while it ran. The start-up warm-up draws from a bound that draws again half of
	 * the time, beside small shuffles that meet powers of two, which no caller of the JDK's shared
	 * {@code nextInt(bound)} could do for the shuffles.
	 * @param bound at least 1
	 */
	public static int nextIndex(SplittableRandom random, int bound) {
		int r = random.nextInt();
		int m = bound - 1;
		if ((bound & m) == 0) {
			return r & m; // a power of two: no draw is over-represented
		}
		for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = random.nextInt() >>> 1) {
			// drawn again: u was past the largest multiple of bound
		}
		return r;
	}

	private static SplittableRandom stream(long seed, Purpose purpose) {
		SplittableRandom root = new SplittableRandom(seed);
		for (int i = 0; i < purpose.ordinal(); i++) {
			root.split();
		}
		return root.split();
	}

}
