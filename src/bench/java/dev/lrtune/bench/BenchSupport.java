package dev.lrtune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the service benchmarks share: the median of their rounds, the load they ran under, and a sanity check. */
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

}
