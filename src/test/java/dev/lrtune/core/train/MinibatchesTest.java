package dev.lrtune.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MinibatchesTest {

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

		List<Double> first = epoch(batches);
		List<Double> second = epoch(batches);

		assertThat(first).containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
		assertThat(second).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
	}

	@Test
	void gathersEachRowsFeaturesNextToItsTarget() {
		Minibatches batches = new Minibatches(tenRows(), 3, new SplittableRandom(2));

		int n = batches.next();

		for (int i = 0; i < n; i++) {
			double id = batches.targets()[i];
			assertThat(batches.features()[i * 2]).isEqualTo(id);
			assertThat(batches.features()[i * 2 + 1]).isEqualTo(-id);
		}
	}

	@Test
	void aBatchLargerThanTheDataIsTheWholeData() {
		Minibatches batches = new Minibatches(tenRows(), 64, new SplittableRandom(1));

		assertThat(batches.next()).isEqualTo(10);
		assertThat(batches.next()).isEqualTo(10);
	}

	@Test
	void theSameStreamGivesTheSameBatches() {
		List<Double> first = epoch(new Minibatches(tenRows(), 4, new SplittableRandom(9)));
		List<Double> second = epoch(new Minibatches(tenRows(), 4, new SplittableRandom(9)));

		assertThat(first).isEqualTo(second);
	}

	private static List<Double> epoch(Minibatches batches) {
		List<Double> ids = new ArrayList<>();
		while (ids.size() < 10) {
			int n = batches.next();
			for (int i = 0; i < n; i++) {
				ids.add(batches.targets()[i]);
			}
		}
		return ids;
	}

}
