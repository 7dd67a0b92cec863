package dev.lrtune.curve;

import java.util.Arrays;

/**
 * Picks at most {@code maxPoints} of a curve's points so that a plot keeps its shape: the first and the
 * last point, and in each of {@code (maxPoints − 2) / 2} equal buckets of the interior the point with the
 * lowest and the one with the highest value (min/max decimation, as plotting libraries do for long time
 * series). A non-finite value counts as the highest, so the point where a run diverged is always kept.
 * Never plain striding, which drops the spikes a learning-rate curve is read for.
 */
final class Downsampling {

	private Downsampling() {
	}

	/** Indices into {@code values}, increasing; every index when there are at most {@code maxPoints}. */
	static int[] minMax(double[] values, int maxPoints) {
		int n = values.length;
		if (n <= maxPoints) {
			int[] all = new int[n];
			Arrays.setAll(all, i -> i);
			return all;
		}
		int buckets = Math.max(0, (maxPoints - 2) / 2);
		int[] picked = new int[2 + 2 * buckets];
		int count = 0;
		picked[count++] = 0;
		int interior = n - 2;
		for (int b = 0; b < buckets; b++) {
			int start = 1 + (int) ((long) interior * b / buckets);
			int end = 1 + (int) ((long) interior * (b + 1) / buckets); // exclusive
			if (start >= end) {
				continue;
			}
			int[] extremes = ChunkSummary.extremes(values, start, end);
			int min = extremes[0];
			int max = extremes[1];
			picked[count++] = Math.min(min, max);
			if (min != max) {
				picked[count++] = Math.max(min, max);
			}
		}
		picked[count++] = n - 1;
		return Arrays.copyOf(picked, count);
	}

}
