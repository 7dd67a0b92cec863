package dev.lrtune.core.data;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandomStreamsTests {

	@Test
	void eachPurposeHasItsOwnReproducibleStream() {
		assertThat(RandomStreams.split(7).nextLong()).isEqualTo(RandomStreams.split(7).nextLong());
		assertThat(RandomStreams.shuffle(7).nextLong()).isEqualTo(RandomStreams.shuffle(7).nextLong());
		assertThat(RandomStreams.init(7).nextLong()).isEqualTo(RandomStreams.init(7).nextLong());
		assertThat(RandomStreams.split(7).nextLong()).isNotEqualTo(RandomStreams.shuffle(7).nextLong())
			.isNotEqualTo(RandomStreams.init(7).nextLong());
		assertThat(RandomStreams.init(7).nextLong()).isNotEqualTo(RandomStreams.init(8).nextLong());
	}

	@Test
	void gaussianDrawsHaveMeanZeroAndUnitVariance() {
		SplittableRandom random = new SplittableRandom(1);
		int n = 200_000;
		double sum = 0;
		double squares = 0;
		for (int i = 0; i < n; i++) {
			double g = RandomStreams.gaussian(random);
			sum += g;
			squares += g * g;
		}

		assertThat(sum / n).isCloseTo(0, within(0.01));
		assertThat(squares / n).isCloseTo(1, within(0.01));
	}

	@Test
	void shuffleIsAPermutation() {
		int[] values = { 0, 1, 2, 3, 4, 5, 6, 7 };

		RandomStreams.shuffle(values, values.length, new SplittableRandom(3));

		assertThat(values).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7).isNotEqualTo(new int[] { 0, 1, 2, 3, 4, 5, 6, 7 });
	}

	/**
	 * The shuffle's own bounded draw gives what {@code SplittableRandom.nextInt(bound)} gives, from the same draws: the
	 * same value for every bound (powers of two, small, and large enough to draw again), and the stream left where
	 * {@code nextInt(bound)} leaves it, which the next value of both shows.
	 */
	@Test
	void nextIndexDrawsWhatNextIntOfABoundDraws() {
		SplittableRandom own = new SplittableRandom(11);
		SplittableRandom jdk = new SplittableRandom(11);
		int[] bounds = { 1, 2, 3, 7, 8, 1 << 20, 100_000, 1_000_003, Integer.MAX_VALUE / 3 * 2, Integer.MAX_VALUE };
		for (int draw = 0; draw < 200_000; draw++) {
			int bound = bounds[draw % bounds.length];
			assertThat(RandomStreams.nextIndex(own, bound)).isEqualTo(jdk.nextInt(bound));
		}
		assertThat(own.nextLong()).isEqualTo(jdk.nextLong());
	}

	/** A large shuffle is the one {@code nextInt(bound)} would make, draws again included. */
	@Test
	void shuffleIsTheOneNextIntOfABoundWouldMake() {
		int rows = 400_000;
		int[] shuffled = new int[rows];
		int[] expected = new int[rows];
		for (int i = 0; i < rows; i++) {
			shuffled[i] = i;
			expected[i] = i;
		}
		SplittableRandom jdk = RandomStreams.split(5);
		for (int i = rows - 1; i > 0; i--) {
			int j = jdk.nextInt(i + 1);
			int swap = expected[i];
			expected[i] = expected[j];
			expected[j] = swap;
		}
		SplittableRandom own = RandomStreams.split(5);

		RandomStreams.shuffle(shuffled, rows, own);

		assertThat(shuffled).isEqualTo(expected);
		assertThat(own.nextLong()).isEqualTo(jdk.nextLong());
	}

}
