package dev.lrtune.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

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

/**
 * {@link EpochCpuTimes}' MLP epoch in variants that one JVM alternates epoch by epoch, for a variant of the code
 * that reads a system property when it runs: {@code args[1]} lists the variants, each a set of properties
 * ({@code name=value}, joined by {@code ;}; {@code -} for none), set before each of its epochs. Prints each
 * variant's least, lower quartile and median CPU time over {@code args[0]} rounds (after 60 warm-up rounds), and
 * a hash of the parameters' bits after its last epoch. One JVM sees all variants under the same load and with
 * the same compiled code, which the JVMs of {@link EpochCpuTimes} do not (their MLP figures differ by 5–10 %
 * from one JVM to the next on a shared machine); variants whose code differs in what C2 compiles still need JVMs
 * of their own.
 */
public final class MlpAlternate {

	private static final int WARMUP_ROUNDS = 60;

	private MlpAlternate() {
	}

	public static void main(String[] args) {
		int rounds = Integer.parseInt(args[0]);
		String[] variants = args[1].split(",");
		SyntheticTables.Table table = SyntheticTables.classes(MlpBenchmark.ROWS, MlpBenchmark.INPUTS,
				MlpBenchmark.CLASSES, MlpBenchmark.SEED);
		SplitDataset data = Dataset.of(table.features(), MlpBenchmark.ROWS, MlpBenchmark.INPUTS, table.targets(),
				Task.classification(MlpBenchmark.CLASSES), null)
			.split(0.0, MlpBenchmark.SEED, false);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int m = variants.length;
		double[][] times = new double[m][rounds];
		long[] hashes = new long[m];
		for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
			for (int step = 0; step < m; step++) {
				// the variants' order rotates every round
				int v = (step + round) % m;
				for (int u = 0; u < m; u++) {
					setProperties(variants[u], false);
				}
				setProperties(variants[v], true);
				Model model = Models.create(ModelSpec.mlp(List.of(MlpBenchmark.HIDDEN), "relu"),
						Task.classification(MlpBenchmark.CLASSES), MlpBenchmark.INPUTS, MlpBenchmark.SEED);
				Trainer trainer = new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()),
						step1 -> MlpBenchmark.LR, new TrainingSettings(MlpBenchmark.BATCH,
								TrainingSettings.iterationsPerEpoch(MlpBenchmark.ROWS, MlpBenchmark.BATCH), 0,
								MlpBenchmark.SEED));
				long start = threads.getCurrentThreadCpuTime();
				trainer.run(data, TrainingListener.NONE);
				long time = threads.getCurrentThreadCpuTime() - start;
				hashes[v] = EpochCpuTimes.bitsHash(model.parameters());
				if (round >= WARMUP_ROUNDS) {
					times[v][round - WARMUP_ROUNDS] = time / 1e6;
				}
			}
		}
		for (int v = 0; v < m; v++) {
			double[] sorted = times[v].clone();
			Arrays.sort(sorted);
			System.out.printf("MLP-ALTERNATE %s least %.1f ms, lower quartile %.1f, median %.1f; parameters' hash %016x%n",
					variants[v], sorted[0], sorted[rounds / 4], sorted[rounds / 2], hashes[v]);
		}
	}

	/** Sets the variant's properties ({@code on}) or clears them. */
	private static void setProperties(String variant, boolean on) {
		if ("-".equals(variant)) {
			return;
		}
		for (String pair : variant.split(";")) {
			String[] nameValue = pair.split("=", 2);
			if (on) {
				System.setProperty(nameValue[0], nameValue.length > 1 ? nameValue[1] : "true");
			}
			else {
				System.clearProperty(nameValue[0]);
			}
		}
	}

}
