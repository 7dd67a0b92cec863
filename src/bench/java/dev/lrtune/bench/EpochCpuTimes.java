package dev.lrtune.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

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
 * The epochs of {@link MlpBenchmark} and {@link LogisticRegressionBenchmark} and the sequential floor, timed in
 * the thread's CPU time rather than wall time: on a shared machine a thread waits for a core for much of
 * the wall time, and the CPU time it used is the figure that holds up (bench/torch_peer.py reports PyTorch's
 * the same way). Alternates the three, keeps the least of {@code args[0]} rounds (default 12) after the
 * warm-up below, and prints {@code CPU-TIME <name> <ms>} lines for bench/summarize.py. Also timed: one load per
 * cache line of the logistic table's rows in a shuffled order ({@code touch}, {@link Floors#shuffledTouch}),
 * the previous, scalar floor ({@code scalarfloor}, {@link Floors#scalarSum}), for comparison, and the same MLP
 * computing in float32 ({@code mlpfloat32}, with a hash of its final parameters of its own; its losses are kept
 * out of the checksum, which keeps its earlier bits).
 *
 * <p>The logistic epoch and its floor are also set against each other round by round: {@code PAIRED-RATIO}
 * gives the median, least and largest of the per-round ratios. The epoch (shuffled rows, bound by the latency of
 * its misses and by arithmetic) and the floor (a sequential stream, bound by bandwidth) do not slow alike when
 * other processes share the core and the caches, so the least of each, taken in different rounds, can pair a
 * quiet round of one with a busy round of the other; the epoch and the floor of one round ran under the same
 * load, and their median ratio holds up better. The core's FMA peak is measured by {@link FmaPeak} in a JVM of
 * its own.
 *
 * <p><b>Warm-up until the JIT has settled.</b> The rounds are timed only once C2 has compiled what the epochs
 * run: at least {@link #MIN_WARMUP_ROUNDS} rounds (an MLP epoch calls its per-step methods 157 times, and C2
 * takes a method after about 5,000 calls), and then until no compilation has run for {@link #QUIET_ROUNDS}
 * rounds in a row (at most {@link #MAX_WARMUP_ROUNDS}). A fixed count of rounds is not enough: the compiler
 * threads share the cores with the timed thread and with whatever else runs, so under load the same count ends
 * earlier in the JIT's work, and with two warm-up rounds one JVM timed every MLP epoch on code C2 had not
 * compiled yet (122 ms against 66–75 ms in the JVMs before and after it). Prints {@code WARM-UP <rounds>
 * <settled> <ms compiling in the timed rounds>}; with {@code -Dbench.printRounds=true} also each round's times and
 * the MLP's and logistic epoch's page faults.
 *
 * <p><b>Bytes allocated per epoch</b> ({@code ALLOC-PER-EPOCH <name> <KB>}, the median over the timed rounds,
 * from {@code com.sun.management.ThreadMXBean}): a settled float64 MLP epoch allocates about 2 MB (its batches'
 * order and the model's buffers); when C2 leaves the kernels' vectors boxed it allocates hundreds of megabytes
 * to gigabytes, which tells that cause from a busy machine at a glance. This JVM alternates the three kinds of
 * epoch, as the service's JVM runs whatever jobs come (its start-up warm-up alone trains linear, logistic,
 * softmax and MLP models): JMH's {@link MlpBenchmark} fork trains the MLP alone and cannot show what another
 * model's vector code does to the MLP's compiled code.
 *
 * <p>One JVM is not enough either: JVMs of the same code can settle on compiled code of different speed, and a
 * busy neighbour on the host can slow every round of one JVM for seconds, in CPU time too (the thread runs, but
 * slower). bench/run.sh therefore runs this class in several JVMs one after the other and keeps the least of each
 * figure.
 */
public final class EpochCpuTimes {

	/** Enough MLP epochs for its per-step methods (157 calls an epoch) to reach C2's threshold of calls. */
	static final int MIN_WARMUP_ROUNDS = 60;

	/** Rounds in a row without a compilation that end the warm-up (about a second of CPU). */
	static final int QUIET_ROUNDS = 10;

	/** The warm-up's bound when the JIT keeps compiling; the output tells that it had not settled. */
	static final int MAX_WARMUP_ROUNDS = 400;

	private EpochCpuTimes() {
	}

	public static void main(String[] args) {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
		boolean printRounds = Boolean.getBoolean("bench.printRounds");
		SplitDataset mlpData = BenchSupport.mlpData();
		int rows = LogisticRegressionBenchmark.ROWS;
		int cols = LogisticRegressionBenchmark.COLS;
		SplitDataset logisticData = BenchSupport.logisticData();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
		long thread = Thread.currentThread().getId();
		long[][] allocated = new long[3][rounds];
		long mlp = Long.MAX_VALUE;
		long mlpFloat = Long.MAX_VALUE;
		long logistic = Long.MAX_VALUE;
		long floor = Long.MAX_VALUE;
		long touch = Long.MAX_VALUE;
		long scalarFloor = Long.MAX_VALUE;
		double[] ratios = new double[rounds];
		int[] order = new int[rows];
		for (int i = 0; i < rows; i++) {
			order[i] = i;
		}
		RandomStreams.shuffle(order, rows, RandomStreams.shuffle(LogisticRegressionBenchmark.SEED));
		double sink = 0;
		// the sum of the first rounds + 2 rounds' results, as before the warm-up became open-ended: the same bits
		// from one run to the next whatever the warm-up took, and comparable with earlier runs' checksums
		double checksum = 0;
		long mlpHash = 0;
		long logisticHash = 0;
		// the float32 MLP's results kept apart from sink, so that the checksum keeps the bits it had before
		double floatSink = 0;
		long floatHash = 0;
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		long compiled = jit.getTotalCompilationTime();
		int quiet = 0;
		int warmup = 0;
		boolean settled = false;
		long compiledBeforeTimed = 0;
		for (int round = 0, timed = -1; timed < rounds; round++) {
			Model mlpModel = Models.create(ModelSpec.mlp(List.of(MlpBenchmark.HIDDEN), "relu"),
					Task.classification(MlpBenchmark.CLASSES), MlpBenchmark.INPUTS, MlpBenchmark.SEED);
			Trainer mlpTrainer = trainer(mlpModel, MlpBenchmark.LR, MlpBenchmark.BATCH, MlpBenchmark.ROWS,
					MlpBenchmark.SEED);
			long faultStart = printRounds ? BenchSupport.minorFaults() : 0;
			long bytes = allocations.getThreadAllocatedBytes(thread);
			long start = threads.getCurrentThreadCpuTime();
			sink += mlpTrainer.run(mlpData, TrainingListener.NONE).lastLoss();
			long mlpTime = threads.getCurrentThreadCpuTime() - start;
			long mlpBytes = allocations.getThreadAllocatedBytes(thread) - bytes;
			long mlpFaults = printRounds ? BenchSupport.minorFaults() - faultStart : 0;
			mlpHash = bitsHash(mlpModel.parameters());

			Model floatModel = Models.create(new ModelSpec("mlp", List.of(MlpBenchmark.HIDDEN), "relu",
					ModelSpec.FLOAT32), Task.classification(MlpBenchmark.CLASSES), MlpBenchmark.INPUTS, MlpBenchmark.SEED);
			Trainer floatTrainer = trainer(floatModel, MlpBenchmark.LR, MlpBenchmark.BATCH, MlpBenchmark.ROWS,
					MlpBenchmark.SEED);
			bytes = allocations.getThreadAllocatedBytes(thread);
			start = threads.getCurrentThreadCpuTime();
			floatSink += floatTrainer.run(mlpData, TrainingListener.NONE).lastLoss();
			long floatTime = threads.getCurrentThreadCpuTime() - start;
			long floatBytes = allocations.getThreadAllocatedBytes(thread) - bytes;
			floatHash = bitsHash(floatModel.parameters());

			faultStart = printRounds ? BenchSupport.minorFaults() : 0;
			bytes = allocations.getThreadAllocatedBytes(thread);
			start = threads.getCurrentThreadCpuTime();
			Model logisticModel = Models.create(ModelSpec.of("logistic"), Task.classification(2), cols,
					LogisticRegressionBenchmark.SEED);
			sink += trainer(logisticModel, LogisticRegressionBenchmark.LR, LogisticRegressionBenchmark.BATCH, rows,
					LogisticRegressionBenchmark.SEED)
				.run(logisticData, TrainingListener.NONE)
				.lastLoss();
			long logisticTime = threads.getCurrentThreadCpuTime() - start;
			long logisticBytes = allocations.getThreadAllocatedBytes(thread) - bytes;
			long logisticFaults = printRounds ? BenchSupport.minorFaults() - faultStart : 0;
			logisticHash = bitsHash(logisticModel.parameters());

			start = threads.getCurrentThreadCpuTime();
			sink += Floors.sum(logisticData.train().features());
			long floorTime = threads.getCurrentThreadCpuTime() - start;

			start = threads.getCurrentThreadCpuTime();
			sink += Floors.shuffledTouch(logisticData.train().features(), order, cols);
			long touchTime = threads.getCurrentThreadCpuTime() - start;

			start = threads.getCurrentThreadCpuTime();
			sink += Floors.scalarSum(logisticData.train().features());
			long scalarFloorTime = threads.getCurrentThreadCpuTime() - start;
			if (round < rounds + 2) {
				checksum = sink;
			}
			if (printRounds) {
				System.out.printf("ROUND %d %s at %d ms: mlp %.3f (%d page faults) float32 %.3f logistic %.3f (%d)"
						+ " floor %.3f touch %.3f, JIT %d ms%n", round, timed < 0 ? "warm-up" : "timed",
						ManagementFactory.getRuntimeMXBean().getUptime(), mlpTime / 1e6, mlpFaults, floatTime / 1e6,
						logisticTime / 1e6,
						logisticFaults, floorTime / 1e6, touchTime / 1e6, jit.getTotalCompilationTime());
			}
			if (timed < 0) {
				long compiledNow = jit.getTotalCompilationTime();
				quiet = compiledNow == compiled ? quiet + 1 : 0;
				compiled = compiledNow;
				settled = round + 1 >= MIN_WARMUP_ROUNDS && quiet >= QUIET_ROUNDS;
				if (settled || round + 1 >= MAX_WARMUP_ROUNDS) {
					warmup = round + 1;
					compiledBeforeTimed = compiledNow;
					timed = 0;
				}
			}
			else {
				allocated[0][timed] = mlpBytes;
				allocated[1][timed] = floatBytes;
				allocated[2][timed] = logisticBytes;
				ratios[timed++] = (double) logisticTime / floorTime;
				scalarFloor = Math.min(scalarFloor, scalarFloorTime);
				touch = Math.min(touch, touchTime);
				mlp = Math.min(mlp, mlpTime);
				mlpFloat = Math.min(mlpFloat, floatTime);
				logistic = Math.min(logistic, logisticTime);
				floor = Math.min(floor, floorTime);
			}
		}
		System.out.printf("CPU-TIME mlp %.3f%nCPU-TIME logistic %.3f%nCPU-TIME floor %.3f%nCPU-TIME touch %.3f%n",
				mlp / 1e6, logistic / 1e6, floor / 1e6, touch / 1e6);
		System.out.printf("CPU-TIME scalarfloor %.3f%n", scalarFloor / 1e6);
		System.out.printf("CPU-TIME mlpfloat32 %.3f%n", mlpFloat / 1e6);
		String[] names = { "mlp", "mlpfloat32", "logistic" };
		for (int w = 0; w < names.length; w++) {
			Arrays.sort(allocated[w]);
			System.out.printf("ALLOC-PER-EPOCH %s %d%n", names[w], allocated[w][rounds / 2] >> 10);
		}
		Arrays.sort(ratios);
		System.out.printf("PAIRED-RATIO logistic/floor %.3f %.3f %.3f %d%n", median(ratios), ratios[0],
				ratios[rounds - 1], rounds);
		System.out.printf("WARM-UP %d %s %d%n", warmup, settled ? "settled" : "compiling",
				jit.getTotalCompilationTime() - compiledBeforeTimed);
		// the checksum includes the floor's vector sum, whose lanes add in an order set by the vector width, so it
		// differs between 256- and 512-bit vectors; the models' hashes do not
		System.out.printf("(kernels: %s; checksum %s; MLP parameters after the epoch: hash %016x; logistic parameters: "
				+ "hash %016x; all rounds' sum %s)%n", Models.kernels(), checksum, mlpHash, logisticHash, sink);
		System.out.printf("(float32 MLP parameters after the epoch: hash %016x; all rounds' sum of its losses %s)%n",
				floatHash, floatSink);
	}

	/** A 64-bit hash (FNV-1a over the raw bits) of the values: equal hashes mean, in practice, equal bits. */
	static long bitsHash(double[] values) {
		long hash = 0xcbf29ce484222325L;
		for (double value : values) {
			long bits = Double.doubleToRawLongBits(value);
			for (int shift = 0; shift < 64; shift += 8) {
				hash = (hash ^ ((bits >>> shift) & 0xff)) * 0x100000001b3L;
			}
		}
		return hash;
	}

	private static double median(double[] sorted) {
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static Trainer trainer(Model model, double lr, int batch, int rows, long seed) {
		return new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), step -> lr,
				new TrainingSettings(batch, TrainingSettings.iterationsPerEpoch(rows, batch), 0, seed));
	}

}
