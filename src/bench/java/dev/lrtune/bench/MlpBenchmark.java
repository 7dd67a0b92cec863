package dev.lrtune.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of an MLP 784-128-10 (relu, softmax cross-entropy head) over 10,000 synthetic rows, batch 64,
 * plain SGD: 157 steps, the last of 16 rows. A fresh model (He-initialised) and optimizer per epoch are built
 * outside the timed part. Work per epoch ≈ 6 × {@link #PARAMETERS} FLOPs per row (2 for the forward
 * products, 4 for the backward ones).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// AlwaysPreTouch: the heap touched before the first epoch, so that no measured epoch pays first-touch page faults
// for the eden it allocates in (3.7 MB an epoch; see LogisticRegressionBenchmark#lrtuneEpoch).
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
@State(Scope.Benchmark)
public class MlpBenchmark {

	static final int ROWS = 10_000;

	static final int INPUTS = 784;

	static final int HIDDEN = 128;

	static final int CLASSES = 10;

	static final int BATCH = 64;

	static final long SEED = 7;

	static final double LR = 0.01;

	/** 784·128 + 128 + 128·10 + 10. */
	static final int PARAMETERS = INPUTS * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES;

	private SplitDataset data;

	private Trainer trainer;

	@Setup(Level.Trial)
	public void setUp() {
		SyntheticTables.Table table = SyntheticTables.classes(ROWS, INPUTS, CLASSES, SEED);
		data = Dataset.of(table.features(), ROWS, INPUTS, table.targets(), Task.classification(CLASSES), null)
			.split(0.0, SEED, false);
	}

	/** A fresh model each epoch; He initialisation of 100k weights would otherwise be timed too. */
	@Setup(Level.Invocation)
	public void freshModel() {
		Model model = Models.create(ModelSpec.mlp(List.of(HIDDEN), "relu"), Task.classification(CLASSES), INPUTS, SEED);
		trainer = new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), step -> LR,
				new TrainingSettings(BATCH, TrainingSettings.iterationsPerEpoch(ROWS, BATCH), 0, SEED));
	}

	@Benchmark
	public Object mlpEpoch() {
		return trainer.run(data, TrainingListener.NONE);
	}

}
