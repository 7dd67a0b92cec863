package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ValleyTests {

	/** fastai's {@code valley} loop (fastai/callback/schedule.py), transcribed line by line. */
	private static int fastaiReference(double[] losses) {
		int n = losses.length;
		int maxStart = 0;
		int maxEnd = 0;
		int[] lds = new int[n];
		Arrays.fill(lds, 1);
		for (int i = 1; i < n; i++) {
			for (int j = 0; j < i; j++) {
				if (losses[i] < losses[j] && lds[i] < lds[j] + 1) {
					lds[i] = lds[j] + 1;
				}
				if (lds[maxEnd] < lds[i]) {
					maxEnd = i;
					maxStart = maxEnd - lds[maxEnd];
				}
			}
		}
		double sections = (maxEnd - maxStart) / 3.0;
		return maxStart + (int) sections + (int) (sections / 2);
	}

	@Test
	void handWorkedExampleGivesFastaisIndex() {
		// lds = [1, 2, 2, 3, 1, 4, 5, 1]: max_end = 6, max_start = 6 - 5 = 1, sections = 5/3,
		// idx = 1 + int(1.67) + int(0.83) = 2
		double[] loss = { 5, 3, 4, 2, 6, 1, 0.5, 7 };

		assertThat(Valley.fastaiIndex(loss)).isEqualTo(2);
		assertThat(Valley.index(loss)).hasValue(2);
	}

	@Test
	void patienceSortingGivesTheSameIndexAsFastaisQuadraticLoopOnRandomCurves() {
		SplittableRandom random = new SplittableRandom(42);
		for (int curve = 0; curve < 1_000; curve++) {
			double[] loss = randomCurve(random, 1 + random.nextInt(200), curve % 4);

			assertThat(Valley.fastaiIndex(loss)).as("curve %d: %s", curve, Arrays.toString(loss))
				.isEqualTo(fastaiReference(loss));
		}
	}

	@Test
	void aCurveThatNeverFallsHasNoValley() {
		assertThat(Valley.index(new double[] { 1, 2, 2, 3 })).isEmpty();
		assertThat(Valley.index(new double[] { 1, 1, 1 })).isEmpty();
	}

	@Test
	void fastaisMinusOneCornerCaseIsNoValley() {
		// longest decrease (2, 1) first reached at index 1: max_start = -1, idx = -1 (Python: the last lr)
		double[] loss = { 2, 1, 3, 4, 5 };

		assertThat(Valley.fastaiIndex(loss)).isEqualTo(fastaiReference(loss)).isEqualTo(-1);
		assertThat(Valley.index(loss)).isEmpty();
	}

	@Test
	void aLongValleyIsSuggestedHalfwayDown() {
		// strictly decreasing from index 0 to 30, then rising: max_end = 30, max_start = -1, sections = 31/3,
		// idx = -1 + 10 + 5 = 14
		double[] loss = new double[40];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = (i - 30) * (i - 30);
		}

		assertThat(Valley.index(loss)).hasValue(14);
	}

	/** Kinds: 0 small integers (many ties), 1 random walk, 2 noisy U shape, 3 signed zeros and repeats. */
	private static double[] randomCurve(SplittableRandom random, int n, int kind) {
		double[] loss = new double[n];
		double walk = 0;
		for (int i = 0; i < n; i++) {
			double t = (double) i / n;
			loss[i] = switch (kind) {
				case 0 -> random.nextInt(6);
				case 1 -> walk += random.nextGaussian();
				case 2 -> 2 - 3 * t + 4 * t * t * t + 0.2 * random.nextGaussian();
				default -> random.nextBoolean() ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextInt(3) - 1;
			};
		}
		return loss;
	}

}
