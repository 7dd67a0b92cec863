package dev.lrtune.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.Optimizer;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
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
 * Where an lrtune logistic epoch ({@link LogisticRegressionBenchmark#lrtuneEpoch()}) spends its time, one
 * part per benchmark, each over the 3,125 batches of 32 rows of the same table:
 * <ul>
 * <li>{@link #shuffle()}: the per-epoch permutation of 100,000 row indices;</li>
 * <li>{@link #randomRowTouch()}: one load per cache line of every row, in shuffled order: the cheapest way
 * to bring randomly ordered rows in from memory (many independent misses in flight), the floor of any pass
 * over a shuffled epoch;</li>
 * <li>{@link #gather()}: copying each batch's rows out of the table into one array per row, in shuffled
 * order, as {@code LinearPredictor} does before its arithmetic;</li>
 * <li>{@link #lossAndGradientHot()}: a whole step's model work (copy, dot products, losses, gradient) on
 * one batch whose rows stay in L1/L2, 3,125 times: the arithmetic without the memory;</li>
 * <li>{@link #lossAndGradientInOrder()}: the model work on consecutive row ranges: an unshuffled epoch,
 * whose rows stream sequentially;</li>
 * <li>{@link #sgdUpdate()}: 3,125 plain SGD steps on 101 parameters.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@State(Scope.Benchmark)
public class LogisticBreakdownBenchmark {

	private static final int ROWS = LogisticRegressionBenchmark.ROWS;

	private static final int COLS = LogisticRegressionBenchmark.COLS;

	private static final int BATCH = LogisticRegressionBenchmark.BATCH;

	private static final int BATCHES = (ROWS + BATCH - 1) / BATCH;

	private double[] features;

	private double[] targets;

	private int[] order;

	private final double[][] batchRows = new double[BATCH][COLS];

	private final double[] batchTargets = new double[BATCH];

	private final int[] hotRows = new int[BATCH];

	private Model model;

	private Optimizer optimizer;

	private final double[] gradient = new double[COLS + 1];

	@Setup(Level.Trial)
	public void setUp() {
		SyntheticTables.Table table = SyntheticTables.logistic(ROWS, COLS, LogisticRegressionBenchmark.SEED);
		Dataset data = Dataset.of(table.features(), ROWS, COLS, table.targets(), Task.classification(2), null)
			.split(0.0, LogisticRegressionBenchmark.SEED, false)
			.train();
		features = data.features();
		targets = data.targets();
		order = permutation(new SplittableRandom(1));
		System.arraycopy(order, 0, hotRows, 0, BATCH);
		model = Models.create(ModelSpec.of("logistic"), Task.classification(2), COLS, 1L);
		model.ensureCapacity(BATCH);
		optimizer = Optimizers.create(OptimizerSpec.sgd(), model.parameterCount());
	}

	@Benchmark
	public int[] shuffle() {
		return permutation(new SplittableRandom(2));
	}

	@Benchmark
	public double randomRowTouch() {
		double s0 = 0;
		double s1 = 0;
		for (int i = 0; i < ROWS; i++) {
			int offset = order[i] * COLS;
			for (int k = 0; k + 8 < COLS; k += 16) {
				s0 += features[offset + k];
				s1 += features[offset + k + 8];
			}
			s0 += features[offset + COLS - 1];
		}
		return s0 + s1;
	}

	@Benchmark
	public double gather() {
		double check = 0;
		for (int position = 0; position < ROWS; position += BATCH) {
			int n = Math.min(BATCH, ROWS - position);
			for (int i = 0; i < n; i++) {
				int row = order[position + i];
				System.arraycopy(features, row * COLS, batchRows[i], 0, COLS);
				batchTargets[i] = targets[row];
			}
			check += batchRows[0][0];
		}
		return check;
	}

	@Benchmark
	public double lossAndGradientHot() {
		double loss = 0;
		for (int b = 0; b < BATCHES; b++) {
			loss += model.lossAndGradient(features, targets, hotRows, BATCH, gradient);
		}
		return loss;
	}

	@Benchmark
	public double lossAndGradientInOrder() {
		double loss = 0;
		for (int from = 0; from < ROWS; from += BATCH) {
			loss += model.lossAndGradient(features, targets, from, Math.min(BATCH, ROWS - from), gradient);
		}
		return loss;
	}

	@Benchmark
	public double[] sgdUpdate() {
		double[] parameters = new double[COLS + 1];
		for (int b = 0; b < BATCHES; b++) {
			optimizer.step(parameters, gradient, 1e-9, Double.NaN);
		}
		return parameters;
	}

	private static int[] permutation(SplittableRandom random) {
		int[] values = new int[ROWS];
		for (int i = 0; i < ROWS; i++) {
			values[i] = i;
		}
		RandomStreams.shuffle(values, ROWS, random);
		return values;
	}

}
