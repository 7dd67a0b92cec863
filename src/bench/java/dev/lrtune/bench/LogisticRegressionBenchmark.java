package dev.lrtune.bench;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * One epoch of logistic regression on a dense 100,000 × 100 table, batch 32, plain SGD at a constant rate:
 * lrtune against Tribuo 4.3.2's {@link LinearSGDTrainer}, beside one sequential pass summing the same
 * feature array (the memory-bandwidth floor an epoch cannot beat).
 *
 * <p><b>Making the two runs the same optimisation.</b> Tribuo has no binary logistic model: with
 * {@link LogMulticlass} it fits a softmax over two logits, z₀ = w₀·x + b₀ and z₁ = w₁·x + b₁. Its
 * probability σ(z₁ − z₀) is lrtune's logistic model with w = w₁ − w₀, and from zero weights its per-example
 * gradients for w₀ and w₁ are equal and opposite, so w moves twice as far per step: a Tribuo rate η equals
 * a logistic rate 2η. Tribuo 4.3.2's minibatch step (AbstractSGDTrainer) sums the per-example gradients and
 * then multiplies the sum by the batch size (rather than dividing it), so its step is η·B²·(mean gradient)
 * against lrtune's lr·(mean gradient). Hence {@link #TRIBUO_LR} = {@link #LR} / (2·B²); both start at zero
 * weights and differ only in their shuffling, and their final losses (the mean −log p(y|x) over the table,
 * printed by {@link #reportFinalLosses()}) must agree within 1 %. The mapping was checked where the loss still
 * depends on the rate: at lr 0.01, one epoch short of convergence, the two land within 0.05 % of each other
 * (three Tribuo seeds), and at lr 1 both end near 0.50.
 *
 * <p>Measured: {@link Trainer#run} for lrtune (model and optimizer creation included, cheap for 101
 * parameters) and {@code train} for Tribuo. Tribuo's {@code train} begins by converting its examples to
 * vectors; {@link #tribuoFeatureConversion()} measures that part alone, to show how much of Tribuo's time it
 * is. The datasets are built once per trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
@State(Scope.Benchmark)
public class LogisticRegressionBenchmark {

	static final int ROWS = 100_000;

	static final int COLS = 100;

	static final int BATCH = 32;

	static final long SEED = 42;

	/**
	 * lrtune's constant rate: both models converge at it within the epoch (a mean log-loss near 0.362, the
	 * lowest one epoch reaches on this table among 0.01, 0.03, 0.1 and 1).
	 */
	static final double LR = 0.03;

	/** The Tribuo rate that takes the same steps as {@link #LR} (see the class comment). */
	static final double TRIBUO_LR = LR / (2.0 * BATCH * BATCH);

	/** Held so that the quieter level survives: java.util.logging keeps loggers only weakly. */
	private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

	private SplitDataset lrtuneData;

	private MutableDataset<Label> tribuoData;

	private LinearSGDTrainer tribuoTrainer;

	private Model lastLrtuneModel;

	private LinearSGDModel lastTribuoModel;

	@Setup(Level.Trial)
	public void setUp() {
		TRIBUO_LOGGER.setLevel(java.util.logging.Level.WARNING);
		SyntheticTables.Table table = SyntheticTables.logistic(ROWS, COLS, SEED);
		lrtuneData = Dataset.of(table.features(), ROWS, COLS, table.targets(), Task.classification(2), null)
			.split(0.0, SEED, false);
		tribuoData = tribuoDataset(table);
		tribuoTrainer = new LinearSGDTrainer(new LogMulticlass(), SGD.getSimpleSGD(TRIBUO_LR), 1, -1, BATCH, SEED);
	}

	/**
	 * In a fork of its own that touches its heap before it starts: this epoch allocates only 6 MB, so without
	 * {@code AlwaysPreTouch} the first 300-odd epochs each take a first-touch page fault per 4 KB of the eden
	 * they allocate in, which on a virtual machine doubled the epoch for the first 10-15 s of the fork (the warm-up
	 * and the first measured iterations), see docs/benchmarks.md.
	 */
	@Benchmark
	@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch" })
	public Model lrtuneEpoch() {
		Model model = Models.create(ModelSpec.of("logistic"), Task.classification(2), COLS, SEED);
		long iterations = TrainingSettings.iterationsPerEpoch(ROWS, BATCH);
		new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), step -> LR,
				new TrainingSettings(BATCH, iterations, 0, SEED))
			.run(lrtuneData, TrainingListener.NONE);
		lastLrtuneModel = model;
		return model;
	}

	@Benchmark
	public LinearSGDModel tribuoEpoch() {
		LinearSGDModel model = tribuoTrainer.train(tribuoData);
		lastTribuoModel = model;
		return model;
	}

	/** The first step of Tribuo's {@code train}: every example becomes a {@link DenseVector} (plus bias). */
	@Benchmark
	public DenseVector[] tribuoFeatureConversion() {
		ImmutableFeatureMap features = tribuoData.getFeatureIDMap();
		DenseVector[] vectors = new DenseVector[tribuoData.size()];
		int i = 0;
		for (Example<Label> example : tribuoData) {
			vectors[i++] = DenseVector.createDenseVector(example, features, true);
		}
		return vectors;
	}

	/**
	 * The floor: one sequential pass over lrtune's training feature array (10,000,000 doubles), summed in
	 * vectors with eight independent accumulators ({@link Floors#sum}) so that the adds never wait on each other
	 * and only memory bandwidth counts.
	 */
	@Benchmark
	public double sequentialSum() {
		return Floors.sum(lrtuneData.train().features());
	}

	/** Not timed: the mean log-loss of the last model each benchmark trained, over the whole table. */
	@TearDown(Level.Trial)
	public void reportFinalLosses() {
		if (lastLrtuneModel != null) {
			System.out.printf("%nFINAL-LOSS lrtune %.9f%n", lastLrtuneModel.evaluate(lrtuneData.train()).loss());
		}
		if (lastTribuoModel != null) {
			System.out.printf("%nFINAL-LOSS tribuo %.9f%n", meanLogLoss(lastTribuoModel, tribuoData));
		}
	}

	private static double meanLogLoss(LinearSGDModel model, MutableDataset<Label> data) {
		double loss = 0;
		for (Example<Label> example : data) {
			String label = example.getOutput().getLabel();
			loss -= Math.log(model.predict(example).getOutputScores().get(label).getScore());
		}
		return loss / data.size();
	}

	private static MutableDataset<Label> tribuoDataset(SyntheticTables.Table table) {
		LabelFactory labels = new LabelFactory();
		String[] names = new String[table.cols()];
		for (int col = 0; col < names.length; col++) {
			names[col] = String.format("f%03d", col); // zero-padded: Tribuo orders features by name
		}
		java.util.List<Example<Label>> examples = new java.util.ArrayList<>(table.rows());
		for (int row = 0; row < table.rows(); row++) {
			double[] values = new double[table.cols()];
			System.arraycopy(table.features(), row * table.cols(), values, 0, table.cols());
			Label label = new Label(table.targets()[row] == 1 ? "1" : "0");
			examples.add(new ArrayExample<>(label, names, values));
		}
		SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance("synthetic logistic", labels);
		return new MutableDataset<>(new ListDataSource<>(examples, labels, provenance));
	}

}
