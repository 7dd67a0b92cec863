package dev.lrtune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.Task;

/**
 * What the benchmarks share: the median of their rounds, the load they ran under, a sanity check, the epoch
 * benchmarks' two tables and the calling thread's page faults.
 */
final class BenchSupport {

	private BenchSupport() {
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/** The machine's load average, for the end of a line of figures. */
	static String load() throws Exception {
		return "(load " + Files.readString(Path.of("/proc/loadavg")).trim() + ")";
	}

	/** Stops the benchmark when what it measured is not what it meant to measure. */
	static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	/** The MLP benchmark's table (10,000 × 784, 10 classes), all of it training rows. */
	static SplitDataset mlpData() {
		SyntheticTables.Table table = SyntheticTables.classes(MlpBenchmark.ROWS, MlpBenchmark.INPUTS,
				MlpBenchmark.CLASSES, MlpBenchmark.SEED);
		return Dataset.of(table.features(), MlpBenchmark.ROWS, MlpBenchmark.INPUTS, table.targets(),
				Task.classification(MlpBenchmark.CLASSES), null)
			.split(0.0, MlpBenchmark.SEED, false);
	}

	/** The logistic benchmark's table (100,000 × 100, two classes), all of it training rows. */
	static SplitDataset logisticData() {
		int rows = LogisticRegressionBenchmark.ROWS;
		int cols = LogisticRegressionBenchmark.COLS;
		SyntheticTables.Table table = SyntheticTables.logistic(rows, cols, LogisticRegressionBenchmark.SEED);
		return Dataset.of(table.features(), rows, cols, table.targets(), Task.classification(2), null)
			.split(0.0, LogisticRegressionBenchmark.SEED, false);
	}

	/** The calling thread's minor page faults so far (Linux; -1 elsewhere). */
	static long minorFaults() {
		try {
			String stat = Files.readString(Path.of("/proc/thread-self/stat"));
			// the fields after the command's closing parenthesis: state is the 3rd field, minflt the 10th
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[7]);
		}
		catch (java.io.IOException | RuntimeException ex) {
			return -1;
		}
	}

}
