package dev.lrtune.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.List;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.RandomStreams;
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

/**
 * Why a logistic epoch is slower in a JVM that also trains the MLP ({@link EpochCpuTimes}) than in one that
 * trains only logistic epochs. Both tables are always built, so that the heap holds the same arrays whatever
 * runs; the arguments are phases run in order: {@code L<n>} n rounds of (logistic epoch, sequential floor,
 * shuffled touch, a scalar calibration loop), printing the least of the phase's last half and, per logistic
 * epoch, the bytes the thread allocated and its page faults; {@code M<n>} n MLP epochs alone (and the bytes each
 * allocated: about 2 MB settled, far more with boxed vectors); {@code F<n>} n epochs of the same MLP in float32,
 * whose vector code, run before the float64 MLP's was compiled, once made C2 box the latter's vectors
 * (docs/benchmarks.md, 2026-12-07: {@code F20 M40}); {@code I<n>} n
 * rounds of an MLP epoch followed by the L round, as {@link EpochCpuTimes} does; {@code W<n>x<s>} n rounds of s
 * logistic steps and 60 MLP steps on 2,000 x 50 rows, the sizes of the service's start-up warm-up. The calibration loop (a chain
 * of dependent integer multiplies, no memory) tells a slower clock from slower memory or slower code.
 */
public final class MixedJvm {

	private MixedJvm() {
	}

	public static void main(String[] args) {
		SplitDataset mlpData = BenchSupport.mlpData();
		int rows = LogisticRegressionBenchmark.ROWS;
		int cols = LogisticRegressionBenchmark.COLS;
		SplitDataset logisticData = BenchSupport.logisticData();
		int[] order = new int[rows];
		for (int i = 0; i < rows; i++) {
			order[i] = i;
		}
		RandomStreams.shuffle(order, rows, RandomStreams.shuffle(LogisticRegressionBenchmark.SEED));
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long tid = Thread.currentThread().getId();
		double sink = 0;
		SyntheticTables.Table smallLogistic = SyntheticTables.logistic(2000, 50, 2);
		SplitDataset smallLogisticData = Dataset.of(smallLogistic.features(), 2000, 50, smallLogistic.targets(),
				Task.classification(2), null).split(0.0, 2, false);
		SyntheticTables.Table smallClasses = SyntheticTables.classes(2000, 50, 3, 4);
		SplitDataset smallClassesData = Dataset.of(smallClasses.features(), 2000, 50, smallClasses.targets(),
				Task.classification(3), null).split(0.0, 4, false);
		for (String phase : args) {
			char kind = phase.charAt(0);
			if (kind == 'W') {
				// the start-up warm-up's sizes: W<rounds>x<logistic steps>, each round that many logistic steps on
				// 2,000 x 50 and then 60 steps of the MLP on 2,000 x 50, batch 32
				String[] parts = phase.substring(1).split("x");
				for (int round = 0; round < Integer.parseInt(parts[0]); round++) {
					Model small = Models.create(ModelSpec.of("logistic"), Task.classification(2), 50, 2);
					sink += new Trainer(small, Optimizers.create(OptimizerSpec.sgd(), small.parameterCount()), step -> 0.1,
							new TrainingSettings(32, Integer.parseInt(parts[1]), 0, 2))
						.run(smallLogisticData, TrainingListener.NONE).lastLoss();
					Model mlp = Models.create(ModelSpec.mlp(List.of(MlpBenchmark.HIDDEN), "relu"),
							Task.classification(3), 50, 4);
					sink += new Trainer(mlp, Optimizers.create(OptimizerSpec.sgd(), mlp.parameterCount()), step -> 0.01,
							new TrainingSettings(32, 60, 0, 4))
						.run(smallClassesData, TrainingListener.NONE).lastLoss();
				}
				System.out.printf("PHASE %s done%n", phase);
				continue;
			}
			int n = Integer.parseInt(phase.substring(1));
			double[][] t = new double[6][n];
			long[] alloc = new long[n];
			long[] mlpAlloc = new long[n];
			long[] faults = new long[n];
			for (int round = 0; round < n; round++) {
				long mlpBytes = threads.getThreadAllocatedBytes(tid);
				long start = threads.getCurrentThreadCpuTime();
				if (kind == 'M' || kind == 'I' || kind == 'F') {
					ModelSpec spec = kind == 'F'
							? new ModelSpec("mlp", List.of(MlpBenchmark.HIDDEN), "relu", ModelSpec.FLOAT32)
							: ModelSpec.mlp(List.of(MlpBenchmark.HIDDEN), "relu");
					Model mlp = Models.create(spec, Task.classification(MlpBenchmark.CLASSES), MlpBenchmark.INPUTS,
							MlpBenchmark.SEED);
					sink += trainer(mlp, MlpBenchmark.LR, MlpBenchmark.BATCH, MlpBenchmark.ROWS, MlpBenchmark.SEED)
						.run(mlpData, TrainingListener.NONE).lastLoss();
				}
				t[0][round] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
				mlpAlloc[round] = threads.getThreadAllocatedBytes(tid) - mlpBytes;
				if (kind == 'M' || kind == 'F') {
					continue;
				}
				long a0 = threads.getThreadAllocatedBytes(tid);
				long f0 = BenchSupport.minorFaults();
				start = threads.getCurrentThreadCpuTime();
				Model logistic = Models.create(ModelSpec.of("logistic"), Task.classification(2), cols,
						LogisticRegressionBenchmark.SEED);
				sink += trainer(logistic, LogisticRegressionBenchmark.LR, LogisticRegressionBenchmark.BATCH, rows,
						LogisticRegressionBenchmark.SEED).run(logisticData, TrainingListener.NONE).lastLoss();
				t[1][round] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
				faults[round] = BenchSupport.minorFaults() - f0;
				alloc[round] = threads.getThreadAllocatedBytes(tid) - a0;
				start = threads.getCurrentThreadCpuTime();
				sink += Floors.sum(logisticData.train().features());
				t[2][round] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
				start = threads.getCurrentThreadCpuTime();
				sink += Floors.shuffledTouch(logisticData.train().features(), order, cols);
				t[3][round] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
				start = threads.getCurrentThreadCpuTime();
				sink += calibrate(round);
				t[4][round] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
			}
			int from = n / 2;
			long[] a = Arrays.copyOfRange(alloc, from, n);
			long[] f = Arrays.copyOfRange(faults, from, n);
			long[] m = Arrays.copyOfRange(mlpAlloc, from, n);
			Arrays.sort(m);
			Arrays.sort(a);
			Arrays.sort(f);
			MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
			long gcs = 0;
			for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				gcs += gc.getCollectionCount();
			}
			boolean mlpOnly = kind == 'M' || kind == 'F';
			System.out.printf("PHASE %s mlp %.3f logistic %.3f floor %.3f touch %.3f calib %.3f | alloc/epoch median %d"
					+ " faults/epoch median %d | MLP alloc/epoch median %d | heap used %d MB committed %d MB, GCs so far"
					+ " %d%n", phase, least(t[0], from), least(t[1], from), least(t[2], from), least(t[3], from),
					least(t[4], from), mlpOnly ? 0 : a[a.length / 2], mlpOnly ? 0 : f[f.length / 2], m[m.length / 2],
					heap.getUsed() >> 20, heap.getCommitted() >> 20, gcs);
		}
		System.out.printf("(kernels %s; sink %s)%n", Models.kernels(), sink);
	}

	private static double least(double[] values, int from) {
		double min = Double.MAX_VALUE;
		for (int i = from; i < values.length; i++) {
			min = Math.min(min, values[i]);
		}
		return min;
	}

	/** 20 million dependent 64-bit multiplies: 3 cycles each, so its CPU time follows the clock only. */
	private static long calibrate(int seed) {
		long x = seed | 1;
		for (int i = 0; i < 20_000_000; i++) {
			x = x * 0x9E3779B97F4A7C15L + i;
		}
		return x;
	}

	private static Trainer trainer(Model model, double lr, int batch, int rows, long seed) {
		return new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), step -> lr,
				new TrainingSettings(batch, TrainingSettings.iterationsPerEpoch(rows, batch), 0, seed));
	}

}
