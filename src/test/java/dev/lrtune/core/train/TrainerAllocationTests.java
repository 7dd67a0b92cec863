package dev.lrtune.core.train;

import java.lang.management.ManagementFactory;
import java.util.List;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The training loop allocates nothing per iteration: ten times the iterations (with a validation pass after
 * every one) allocate about the same bytes, the fixed set-up of a run.
 */
class TrainerAllocationTests {

	private static final SplitDataset DATA = SyntheticSpec.parse("synthetic:spirals?samples=400&classes=3&seed=2")
		.generate()
		.split(1);

	@Test
	void theIterationLoopAllocatesNothing() {
		com.sun.management.ThreadMXBean threads = threadBean();
		run(200); // warm up: classes loaded, methods compiled

		long shortRun = allocatedBy(threads, 100);
		long longRun = allocatedBy(threads, 1000);

		assertThat(longRun - shortRun).as("bytes allocated by 900 extra iterations").isLessThan(16 * 1024);
	}

	private static long allocatedBy(com.sun.management.ThreadMXBean threads, int iterations) {
		long before = threads.getCurrentThreadAllocatedBytes();
		run(iterations);
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

	private static void run(int iterations) {
		Model model = Models.create(ModelSpec.mlp(List.of(16, 8), "tanh"), DATA.train().task(), 2, 1L);
		new Trainer(model, Optimizers.create(OptimizerSpec.adam(), model.parameterCount()), step -> 0.01,
				new TrainingSettings(32, iterations, 1, 1)).run(DATA, TrainingListener.NONE);
	}

	private static com.sun.management.ThreadMXBean threadBean() {
		assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
				"needs HotSpot's per-thread allocation counter");
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeTrue(threads.isThreadAllocatedMemorySupported());
		threads.setThreadAllocatedMemoryEnabled(true);
		return threads;
	}

}
