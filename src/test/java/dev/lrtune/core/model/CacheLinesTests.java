package dev.lrtune.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link CacheLines} reads where an array lies. Its answer can only be checked against itself: two arrays
 * allocated one after the other lie one after the other (in the thread's allocation buffer), so their first
 * elements on a line differ by the doubles between them.
 */
class CacheLinesTests {

	@Test
	void anArrayAllocatedRightAfterAnotherStartsTheirSizeLater() {
		int agreed = 0;
		for (int attempt = 0; attempt < 20; attempt++) {
			// a double[1] takes 24 bytes (header and length 16, one element 8): the next array's elements start
			// three doubles later, so its first element on a line comes three doubles sooner, modulo eight
			double[] first = new double[1];
			double[] second = new double[1];
			int a = CacheLines.firstOnLine(first);
			int b = CacheLines.firstOnLine(second);
			assertThat(a).isBetween(0, 7);
			assertThat(b).isBetween(0, 7);
			if (b == ((a - 3) & 7)) {
				agreed++;
			}
		}
		// a new allocation buffer, or the collector between the two, may part a pair now and then, not most
		assertThat(agreed).isGreaterThan(10);
	}

}
