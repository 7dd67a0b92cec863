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

}
