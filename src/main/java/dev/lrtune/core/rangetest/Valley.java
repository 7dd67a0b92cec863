package dev.lrtune.core.rangetest;

import java.util.OptionalInt;

/**
 * fastai's {@code valley} suggestion (fastai/callback/schedule.py, default of {@code lr_find} since
 * v2.5, contributed by ESRI): the point about halfway along the longest strictly decreasing subsequence
 * of the loss. fastai's reference loops in O(n²):
 *
 * <pre>
 * lds = [1]*n; max_start, max_end = 0, 0
 * for i in range(1, n):
 *     for j in range(0, i):
 *         if losses[i] &lt; losses[j] and lds[i] &lt; lds[j] + 1: lds[i] = lds[j] + 1
 *         if lds[max_end] &lt; lds[i]: max_end = i; max_start = max_end - lds[max_end]
 * sections = (max_end - max_start) / 3
 * idx = max_start + int(sections) + int(sections/2)
 * </pre>
 *
 * Here {@code lds[i]} (the longest strictly decreasing subsequence ending at i) comes from patience
 * sorting in O(n log n). The index is the same: {@code max_end} is the first index reaching the
 * maximal length and, since {@code lds[i]} can only first exceed the running maximum M by becoming
 * M + 1, which is also its final value, {@code max_start = max_end − lds[max_end]}.
 */
final class Valley {

	private Valley() {
	}

	/**
	 * The valley's index, or empty when the rule has no meaningful answer: the loss never decreases
	 * (fastai would answer index 0), or fastai's formula gives −1 (the longest decrease has 2 points,
	 * the second at index 1, and Python's {@code lrs[-1]} would silently pick the last lr).
	 *
	 * @param loss finite losses
	 */
	static OptionalInt index(double[] loss) {
		Scan scan = scan(loss);
		return scan.longest() >= 2 && scan.index() >= 0 ? OptionalInt.of(scan.index()) : OptionalInt.empty();
	}

	/** fastai's {@code idx} exactly, including the −1 its formula gives in one corner case. */
	static int fastaiIndex(double[] loss) {
		return scan(loss).index();
	}

	private static Scan scan(double[] loss) {
		int maxEnd = 0;
		int maxStart = 0;
		int longest = 1;
		double[] tails = new double[loss.length];
		int piles = 0;
		for (int i = 0; i < loss.length; i++) {
			int lds = place(tails, piles, loss[i]);
			piles = Math.max(piles, lds);
			if (lds > longest) {
				longest = lds;
				maxEnd = i;
				maxStart = maxEnd - lds;
			}
		}
		double sections = (maxEnd - maxStart) / 3.0;
		return new Scan(maxStart + (int) sections + (int) (sections / 2), longest);
	}

	/** fastai's index and the length of the longest strictly decreasing subsequence. */
	private record Scan(int index, int longest) {
	}

	/**
	 * Patience sorting step. {@code tails[k]} is the largest last value of a strictly decreasing
	 * subsequence of length k + 1 seen so far, so {@code tails[0..piles)} is strictly decreasing; the
	 * longest such subsequence {@code value} can extend has length = the number of tails above it.
	 * Uses primitive {@code >} so equal values (and −0.0 versus 0.0) compare as Python's {@code <} does.
	 *
	 * @return the length of the longest strictly decreasing subsequence ending at {@code value}
	 */
	private static int place(double[] tails, int piles, double value) {
		int low = 0;
		int high = piles;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (tails[middle] > value) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		tails[low] = value;
		return low + 1;
	}

}
