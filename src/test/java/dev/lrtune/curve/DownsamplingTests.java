package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownsamplingTests {

	@Test
	void aCurveWithinTheBudgetKeepsEveryPoint() {
		assertThat(Downsampling.minMax(new double[] { 3, 1, 2 }, 3)).containsExactly(0, 1, 2);
	}

	@Test
	void eachBucketKeepsItsLowestAndHighestPointBesideTheFirstAndLast() {
		double[] loss = new double[1002];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = 1;
		}
		loss[137] = 9; // a spike plain striding would drop
		loss[650] = -4;
		int[] picked = Downsampling.minMax(loss, 12);
		assertThat(picked.length).isLessThanOrEqualTo(12);
		assertThat(picked).startsWith(0).endsWith(1001).contains(137, 650);
		assertThat(picked).isSorted();
	}

	@Test
	void theDivergedPointIsAlwaysKept() {
		double[] loss = new double[10_000];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = Math.sin(i);
		}
		loss[5000] = Double.NaN;
		loss[7000] = Double.POSITIVE_INFINITY;
		assertThat(Downsampling.minMax(loss, 100)).contains(0, 5000, 7000, 9999);
	}

	@Test
	void aBudgetOfTwoKeepsTheEnds() {
		assertThat(Downsampling.minMax(new double[] { 1, 5, 2, 7 }, 2)).containsExactly(0, 3);
	}

}
