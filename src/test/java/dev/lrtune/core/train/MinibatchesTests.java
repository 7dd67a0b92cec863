package dev.lrtune.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MinibatchesTests {

	/** Ten rows whose features are (id, −id) and whose target is the id. */
	private static Dataset tenRows() {
		double[] x = new double[20];
		double[] y = new double[10];
		for (int row = 0; row < 10; row++) {
			x[row * 2] = row;
			x[row * 2 + 1] = -row;
			y[row] = row;
		}
		return Dataset.of(x, 10, 2, y, Task.regression(), null);
	}

	@Test
	void keepsTheLastPartialBatchOfEveryEpoch() {
		Minibatches batches = new Minibatches(tenRows(), 4, new SplittableRandom(1));
		List<Integer> sizes = new ArrayList<>();

		for (int i = 0; i < 7; i++) {
			sizes.add(batches.next());
		}

		assertThat(sizes).containsExactly(4, 4, 2, 4, 4, 2, 4);
	}

	@Test
	void everyEpochVisitsEachRowOnceInAFreshOrder() {
		Minibatches batches = new Minibatches(tenRows(), 4, new SplittableRandom(1));

		List<Integer> first = epoch(batches);
		List<Integer> second = epoch(batches);

		assertThat(first).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(second).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
	}

	@Test
	void aBatchLargerThanTheDataIsTheWholeData() {
		Minibatches batches = new Minibatches(tenRows(), 64, new SplittableRandom(1));

		assertThat(batches.next()).isEqualTo(10);
		assertThat(batches.next()).isEqualTo(10);
	}

	@Test
	void theSameStreamGivesTheSameBatches() {
		List<Integer> first = epoch(new Minibatches(tenRows(), 4, new SplittableRandom(9)));
		List<Integer> second = epoch(new Minibatches(tenRows(), 4, new SplittableRandom(9)));

		assertThat(first).isEqualTo(second);
	}

	private static List<Integer> epoch(Minibatches batches) {
		List<Integer> rows = new ArrayList<>();
		while (rows.size() < 10) {
			int n = batches.next();
			for (int i = 0; i < n; i++) {
				rows.add(batches.rows()[i]);
			}
		}
		return rows;
	}

}
