package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DistinctNumbersTests {

	@Test
	void holdsWhatAHashSetOfDoublesHolds() {
		SplittableRandom random = new SplittableRandom(7);
		for (int round = 0; round < 200; round++) {
			DistinctNumbers numbers = new DistinctNumbers();
			Set<Double> expected = new HashSet<>();
			int pool = 1 + random.nextInt(round < 100 ? 5 : 5_000);
			for (int i = random.nextInt(3_000); i > 0; i--) {
				double value = switch (random.nextInt(4)) {
					case 0 -> random.nextInt(pool);
					case 1 -> random.nextInt(pool) / 8.0 - 3;
					case 2 -> random.nextBoolean() ? 0.0 : -0.0;
					default -> Double.longBitsToDouble(random.nextLong()) % 1e300;
				};
				if (Double.isNaN(value)) {
					continue;
				}
				numbers.add(value);
				expected.add(value);
			}
			List<Double> sorted = new ArrayList<>(expected);
			sorted.sort(Comparator.naturalOrder());
			assertThat(numbers.size()).isEqualTo(expected.size());
			assertThat(numbers.sorted()).isEqualTo(sorted);
		}
	}

}
