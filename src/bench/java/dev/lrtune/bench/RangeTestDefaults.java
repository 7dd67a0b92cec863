package dev.lrtune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.lrtune.bench.QualityBenchmark.Problem;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.rangetest.RangeTest;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.rangetest.Recommendation.Suggestions;

/**
 * The range test's own settings against the quality benchmark's oracle ({@code bench/quality.sh --defaults}): the
 * same problems, grid and hit rule as {@link QualityBenchmark}, with the curve rules ({@code recommendedLr}, each
 * suggestion, and candidates for the recommendation) read off range tests of other lengths, smoothing and
 * {@code skipEnd}. Every rate is trained once per problem (rules that name the same rate share the run).
 */
final class RangeTestDefaults {

	/** A range-test setting under test. */
	record Variant(String name, int iterations, double smoothing, int skipEnd) {

		RangeTestOptions options() {
			return RangeTestOptions.of(null, null, iterations, null, smoothing, null, null, null, null, skipEnd);
		}

	}

	static final List<Variant> VARIANTS = List.of(
			new Variant("100 steps, β 0.98, skipEnd 5 (fastai; lrtune before)", 100, 0.98, 5),
			new Variant("100 steps, β 0.95", 100, 0.95, 5),
			new Variant("100 steps, β 0.9", 100, 0.9, 5),
			new Variant("100 steps, skipEnd 0", 100, 0.98, 0),
			new Variant("100 steps, skipEnd 10", 100, 0.98, 10),
			new Variant("200 steps, β 0.98", 200, 0.98, 5),
			new Variant("200 steps, β 0.99", 200, 0.99, 5),
			new Variant("300 steps, β 0.98 (lrtune now)", 300, 0.98, 5));

	static final List<String> RULES = List.of("recommendedLr", "minimum", "steepest", "valley", "divergence",
			"valley_else_minimum", "minimum^1/3*valley^2/3");

	private RangeTestDefaults() {
	}

	/** One problem: the oracle, and each variant's rate and loss for each rule. */
	record Outcome(Problem problem, double bestLoss, double bestLr, Map<String, Map<String, Double>> rates,
			Map<String, Map<String, Double>> losses) {

		boolean hit(String variant, String rule) {
			Double loss = losses.get(variant).get(rule);
			return loss != null && loss <= bestLoss + Math.max(0.02 * bestLoss, 0.005);
		}

	}

	static void run(List<Problem> problems, int threads) throws Exception {
		System.out.printf(Locale.ROOT, "%d problems, range-test settings, %d threads%n", problems.size(), threads);
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Outcome>> futures = new ArrayList<>();
		for (Problem problem : problems) {
			futures.add(pool.submit(() -> measure(problem)));
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (Future<Outcome> future : futures) {
			Outcome outcome = future.get();
			outcomes.add(outcome);
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s %-6s %-8s L*=%-10.4g at %-8.3g",
					outcome.problem().data().name(), outcome.problem().model(), outcome.problem().optimizer(),
					outcome.bestLoss(), outcome.bestLr()));
			for (Variant variant : VARIANTS) {
				line.append(" |");
				for (String rule : RULES.subList(0, 4)) {
					Double lr = outcome.rates().get(variant.name()).get(rule);
					line.append(String.format(Locale.ROOT, " %s%s", lr == null ? "-" : String.format(Locale.ROOT, "%.2g", lr),
							outcome.hit(variant.name(), rule) ? "*" : ""));
				}
			}
			System.out.println(line);
		}
		pool.shutdown();
		String report = report(outcomes);
		System.out.println();
		System.out.println(report);
		System.out.printf(Locale.ROOT, "wall time %.0f s; load average %s%n", (System.nanoTime() - start) / 1e9,
				Files.readString(Path.of("/proc/loadavg")).trim());
		Path out = Path.of("target", "quality-defaults.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println("written to " + out);
	}

	static Outcome measure(Problem problem) {
		SplitDataset split = problem.data().data().split(0.2, QualityBenchmark.SEED, true, true);
		Map<Double, Double> trained = new HashMap<>();
		double[] grid = problem.grid(split);
		double bestLr = QualityBenchmark.GRID[0];
		for (int i = 0; i < grid.length; i++) {
			trained.put(QualityBenchmark.GRID[i], grid[i]);
			if (grid[i] < trained.get(bestLr)) {
				bestLr = QualityBenchmark.GRID[i];
			}
		}
		Map<String, Map<String, Double>> rates = new LinkedHashMap<>();
		Map<String, Map<String, Double>> losses = new LinkedHashMap<>();
		for (Variant variant : VARIANTS) {
			Recommendation rec = new RangeTest(problem.modelSpec(), problem.optimizerSpec(), QualityBenchmark.BATCH,
					variant.options()).run(split, QualityBenchmark.SEED).recommendation();
			Map<String, Double> named = rules(rec);
			Map<String, Double> lossOf = new LinkedHashMap<>();
			named.forEach((rule, lr) -> lossOf.put(rule, lr == null ? null
					: trained.computeIfAbsent(lr, rate -> problem.finalLoss(split, rate))));
			rates.put(variant.name(), named);
			losses.put(variant.name(), lossOf);
		}
		return new Outcome(problem, trained.get(bestLr), bestLr, rates, losses);
	}

	static Map<String, Double> rules(Recommendation rec) {
		Suggestions s = rec.suggestions();
		Map<String, Double> rates = new LinkedHashMap<>();
		rates.put("recommendedLr", rec.recommendedLr());
		rates.put("minimum", s.minimum());
		rates.put("steepest", s.steepest());
		rates.put("valley", s.valley());
		rates.put("divergence", s.divergence());
		rates.put("valley_else_minimum", s.valley() != null ? s.valley() : s.minimum());
		rates.put("minimum^1/3*valley^2/3", s.minimum() == null || s.valley() == null ? s.minimum()
				: (Double) (Math.pow(s.minimum(), 1.0 / 3) * Math.pow(s.valley(), 2.0 / 3)));
		return rates;
	}

	static String report(List<Outcome> outcomes) {
		StringBuilder md = new StringBuilder();
		md.append(String.format(Locale.ROOT, "%d problems; hits (too high / too low / no answer) of each rule read off "
				+ "the curve, by range-test setting%n%n| setting |", outcomes.size()));
		RULES.forEach(rule -> md.append(" `").append(rule).append("` |"));
		md.append("\n|---|");
		RULES.forEach(rule -> md.append("---|"));
		md.append('\n');
		for (Variant variant : VARIANTS) {
			md.append("| ").append(variant.name()).append(" |");
			for (String rule : RULES) {
				int hits = 0;
				int high = 0;
				int low = 0;
				int none = 0;
				for (Outcome o : outcomes) {
					Double lr = o.rates().get(variant.name()).get(rule);
					if (lr == null) {
						none++;
					}
					else if (o.hit(variant.name(), rule)) {
						hits++;
					}
					else if (lr > o.bestLr()) {
						high++;
					}
					else {
						low++;
					}
				}
				md.append(String.format(Locale.ROOT, " **%d** (%d/%d/%d) |", hits, high, low, none));
			}
			md.append('\n');
		}
		return md.toString();
	}

}
