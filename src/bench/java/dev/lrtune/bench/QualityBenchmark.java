package dev.lrtune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.rangetest.RangeTest;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.RangeTestResult;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.rangetest.SmoothedLoss;
import dev.lrtune.core.schedule.ConstantSchedule;
import dev.lrtune.core.search.LrSearch;
import dev.lrtune.core.search.SearchResult;
import dev.lrtune.core.search.SearchSpec;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingResult;
import dev.lrtune.core.train.TrainingSettings;

/**
 * How good lrtune's answer to "which learning rate?" is, on real data: every problem (a dataset × {the linear
 * family, a small MLP} × {sgd, sgd with momentum 0.9, adam}, batch 32) is trained for the intended budget of 1,000
 * iterations at 25 constant rates (quarter decades from 1e-5 to 10); the best final validation loss L* is the
 * oracle. Each rule then names a rate, a run of the budget at that rate gives its loss L, and the rule hits when
 * L ≤ L* + max(2 % of L*, 0.005). Rules: the range test's {@code recommendedLr}, each of its suggestions, three
 * geometric means of two suggestions (the candidates for the recommendation), and the {@link LrSearch}.
 *
 * <p>Arguments: {@code --before} measures what lrtune did before honest analysis: the raw regression target and
 * the old rules ({@code recommendedLr} = {@code divergence} = a tenth of the first lr after the minimum where the
 * smoothed loss exceeded its first analysed value, else of the last analysed lr; {@code minimum} defined even at
 * the first point); the search is left out. {@code --defaults} measures the rules read off the curve under other
 * range-test settings instead ({@link RangeTestDefaults}). {@code --threads N} (default 2), {@code --data DIR}
 * (default bench/quality-data), {@code --only NAME,...} to run some datasets. Uses only the core.
 */
public final class QualityBenchmark {

	public static final long SEED = 42;

	public static final int BATCH = 32;

	public static final long BUDGET = 1000;

	public static final double[] GRID = quarterDecades(-5, 1);

	public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam");

	private QualityBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		boolean before = false;
		boolean defaults = false;
		int threads = 2;
		Path dataDir = Path.of("bench/quality-data");
		List<String> only = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--before" -> before = true;
				case "--defaults" -> defaults = true;
				case "--threads" -> threads = Integer.parseInt(args[++i]);
				case "--data" -> dataDir = Path.of(args[++i]);
				case "--only" -> only = List.of(args[++i].split(","));
				default -> throw new IllegalArgumentException("unknown argument " + args[i]);
			}
		}
		List<NamedData> datasets = datasets(dataDir, only);
		List<Problem> problems = problems(datasets);
		if (defaults) {
			RangeTestDefaults.run(problems, threads);
			return;
		}
		System.out.printf(Locale.ROOT, "%d datasets, %d problems, mode %s, %d threads%n", datasets.size(),
				problems.size(), before ? "before" : "after", threads);
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Outcome>> futures = new ArrayList<>();
		final boolean beforeMode = before;
		for (Problem problem : problems) {
			futures.add(pool.submit(() -> problem.measure(beforeMode)));
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (Future<Outcome> future : futures) {
			Outcome outcome = future.get();
			outcomes.add(outcome);
			System.out.println(outcome.line());
		}
		pool.shutdown();
		String report = report(outcomes, before);
		System.out.println();
		System.out.println(report);
		System.out.printf(Locale.ROOT, "wall time %.0f s%n", (System.nanoTime() - start) / 1e9);
		Path out = Path.of("target", "quality-" + (before ? "before" : "after") + ".md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println("written to " + out);
	}

	/** Each dataset × {the linear family, the MLP} × each optimizer. */
	public static List<Problem> problems(List<NamedData> datasets) {
		List<Problem> problems = new ArrayList<>();
		for (NamedData data : datasets) {
			for (String model : List.of("linear", "mlp")) {
				for (String optimizer : OPTIMIZERS) {
					problems.add(new Problem(data, model, optimizer));
				}
			}
		}
		return problems;
	}

	/** A dataset with its name and where it came from. */
	public record NamedData(String name, String origin, Dataset data) {
	}

	public static List<NamedData> datasets(Path dir, List<String> only) throws IOException {
		List<NamedData> sets = new ArrayList<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
				sets.add(new NamedData(file.getFileName().toString().replace(".csv", ""), "real", readCsv(file)));
			}
		}
		sets.add(synthetic("moons", "synthetic:moons?samples=1000&noise=0.2&seed=7"));
		sets.add(synthetic("spirals", "synthetic:spirals?samples=900&classes=3&seed=5"));
		sets.add(synthetic("linear", "synthetic:linear?samples=1000&features=10&seed=3"));
		return only == null ? sets : sets.stream().filter(s -> only.contains(s.name())).toList();
	}

	private static NamedData synthetic(String name, String reference) {
		return new NamedData("syn_" + name, "synthetic", SyntheticSpec.parse(reference).generate());
	}

	/** A header, numeric features, then {@code class} (0-based) or {@code target}. */
	static Dataset readCsv(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
		String[] header = lines.get(0).split(",");
		int cols = header.length - 1;
		boolean classification = header[cols].equals("class");
		int rows = lines.size() - 1;
		double[] x = new double[rows * cols];
		double[] y = new double[rows];
		for (int r = 0; r < rows; r++) {
			String[] cells = lines.get(r + 1).split(",");
			for (int c = 0; c < cols; c++) {
				x[r * cols + c] = Double.parseDouble(cells[c]);
			}
			y[r] = Double.parseDouble(cells[cols]);
		}
		int classes = classification ? (int) Arrays.stream(y).max().orElseThrow() + 1 : 0;
		Task task = classification ? Task.classification(classes) : Task.regression();
		return Dataset.of(x, rows, cols, y, task, List.of(header).subList(0, cols));
	}

	/** One dataset × model × optimizer. */
	public record Problem(NamedData data, String model, String optimizer) {

		public ModelSpec modelSpec() {
			Task task = data.data().task();
			if (model.equals("mlp")) {
				return ModelSpec.mlp(List.of(32), "relu");
			}
			if (!task.isClassification()) {
				return ModelSpec.of("linear");
			}
			return ModelSpec.of(task.classes() == 2 ? "logistic" : "softmax");
		}

		public OptimizerSpec optimizerSpec() {
			return switch (optimizer) {
				case "sgd" -> OptimizerSpec.sgd();
				case "momentum" -> OptimizerSpec.sgd(0.9);
				default -> OptimizerSpec.adam();
			};
		}

		public String task() {
			return data.data().task().isClassification() ? "classification" : "regression";
		}

		Outcome measure(boolean before) {
			SplitDataset split = data.data().split(0.2, SEED, true, !before);
			double[] grid = before ? trainGrid(split) : grid(split);
			int best = 0;
			for (int i = 0; i < GRID.length; i++) {
				if (grid[i] < grid[best]) {
					best = i;
				}
			}
			RangeTestOptions options = RangeTestOptions.defaults();
			RangeTestResult test = new RangeTest(modelSpec(), optimizerSpec(), BATCH, options).run(split, SEED);
			Recommendation rec = test.recommendation();
			long testIterations = test.curves().get(0).iterations();
			Map<String, Double> rates = new LinkedHashMap<>();
			Map<String, Long> spent = new LinkedHashMap<>();
			if (before) {
				RangeTestResult.Curve curve = test.curves().get(0);
				Legacy legacy = Legacy.of(curve.lr(), curve.loss(), options);
				rates.put("recommendedLr", legacy.divergence());
				rates.put("minimum", legacy.minimum());
			}
			else {
				rates.put("recommendedLr", rec.recommendedLr());
				rates.put("minimum", rec.suggestions().minimum());
			}
			rates.put("steepest", rec.suggestions().steepest());
			rates.put("valley", rec.suggestions().valley());
			if (!before) {
				rates.put("divergence", rec.suggestions().divergence());
				rates.put("steepest*valley", geometric(rec.suggestions().steepest(), rec.suggestions().valley()));
				rates.put("minimum*steepest", geometric(rec.suggestions().minimum(), rec.suggestions().steepest()));
			}
			rates.keySet().forEach(rule -> spent.put(rule, testIterations));
			Map<String, Double> losses = new LinkedHashMap<>();
			rates.forEach((rule, lr) -> losses.put(rule, lr == null ? null : finalLoss(split, lr)));
			List<String> warnings = before ? List.of()
					: rec.warnings().stream().map(Recommendation.Warning::code).toList();
			String race = "";
			if (!before) {
				SearchResult search = search(split, options, SearchSpec.of(BUDGET));
				record(search, "search", rates, losses, spent);
				race = search.evidence().stream().map(e -> String.format(Locale.ROOT, "%.2g:%s@%d", e.lr(),
						e.validationLoss() == null ? "div" : String.format(Locale.ROOT, "%.3g", e.validationLoss()), e.rung()))
					.reduce((a, b) -> a + " " + b).orElse("");
				// a first rung of a third of the run, which leaves 2 rates for the whole run before the climb
				record(search(split, options, new SearchSpec(BUDGET, SearchSpec.Family.CONSTANT, SearchSpec.DEFAULT_RATES,
						SearchSpec.DEFAULT_ETA, SearchSpec.Objective.LAST, (BUDGET + 2) / 3)), "search_two_finalists", rates,
						losses, spent);
				// the raced rates as spaced, not rounded to quarter decades
				record(new LrSearch(modelSpec(), optimizerSpec(), BATCH, options, SearchSpec.of(BUDGET)).unrounded()
					.run(split, SEED), "search_unrounded", rates, losses, spent);
			}
			return new Outcome(this, grid[best], GRID[best], rates, losses, spent, warnings, race);
		}

		SearchResult search(SplitDataset split, RangeTestOptions options, SearchSpec spec) {
			return new LrSearch(modelSpec(), optimizerSpec(), BATCH, options, spec).run(split, SEED);
		}

		/** The winner's trial at the last rung is an ordinary run of the whole budget at that rate. */
		static void record(SearchResult search, String rule, Map<String, Double> rates, Map<String, Double> losses,
				Map<String, Long> spent) {
			rates.put(rule, search.lr());
			spent.put(rule, search.iterationsSpent());
			losses.put(rule, search.lr() == null ? null
					: search.evidence().stream().filter(e -> e.lr() == search.lr()).findFirst().orElseThrow().validationLoss());
		}

		/**
		 * The final validation loss at every rate of the grid (standardised targets), kept in
		 * {@code target/quality-grid/} and read back by later runs: the grid is most of the benchmark's time and
		 * depends only on the problem and the training code ({@code mvn clean}, or deleting the directory, trains it
		 * again).
		 */
		public double[] grid(SplitDataset split) {
			Path cache = Path.of("target", "quality-grid", data.name() + "-" + model + "-" + optimizer + ".txt");
			try {
				if (Files.exists(cache)) {
					return Files.readAllLines(cache).stream().mapToDouble(Double::parseDouble).toArray();
				}
				double[] losses = trainGrid(split);
				Files.createDirectories(cache.getParent());
				Files.write(cache, Arrays.stream(losses).mapToObj(Double::toString).toList());
				return losses;
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

		double[] trainGrid(SplitDataset split) {
			double[] losses = new double[GRID.length];
			for (int i = 0; i < GRID.length; i++) {
				losses[i] = finalLoss(split, GRID[i]);
			}
			return losses;
		}

		/** The validation loss after the budget at a constant rate; +∞ when the run diverged. */
		public double finalLoss(SplitDataset split, double lr) {
			Model network = Models.create(modelSpec(), split.train().task(), split.train().cols(), SEED);
			TrainingResult result = new Trainer(network, Optimizers.create(optimizerSpec(), network.parameterCount()),
					new ConstantSchedule(lr), new TrainingSettings(BATCH, BUDGET, 0, SEED))
				.run(split, TrainingListener.NONE);
			double loss = result.validationLoss();
			return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
		}

	}

	/** What one problem measured. */
	record Outcome(Problem problem, double bestLoss, double bestLr, Map<String, Double> rates,
			Map<String, Double> losses, Map<String, Long> spent, List<String> warnings, String race) {

		double threshold() {
			return bestLoss + Math.max(0.02 * bestLoss, 0.005);
		}

		boolean hit(String rule) {
			Double loss = losses.get(rule);
			return loss != null && loss <= threshold();
		}

		String line() {
			StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-14s %-6s %-8s L*=%-10.4g at %-8.3g",
					problem.data().name(), problem.model(), problem.optimizer(), bestLoss, bestLr));
			rates.forEach((rule, lr) -> text.append(String.format(Locale.ROOT, " | %s %s%s", rule,
					lr == null ? "-" : String.format(Locale.ROOT, "%.2g", lr), hit(rule) ? "*" : "")));
			if (!warnings.isEmpty()) {
				text.append(" | warnings ").append(String.join(",", warnings));
			}
			if (!race.isEmpty()) {
				text.append(" | race ").append(race);
			}
			return text.toString();
		}

	}

	static String report(List<Outcome> outcomes, boolean before) {
		StringBuilder md = new StringBuilder();
		List<String> rules = new ArrayList<>(outcomes.get(0).rates().keySet());
		md.append(String.format(Locale.ROOT, "%d problems (%s); grid: %d rates x %d iterations = %d iterations per problem%n%n",
				outcomes.size(), before ? "before" : "after", GRID.length, BUDGET, GRID.length * BUDGET));
		md.append("| rule | hits | median L/L* | too high | too low | no answer | iterations / grid |\n");
		md.append("|---|---|---|---|---|---|---|\n");
		for (String rule : rules) {
			int hits = 0;
			int high = 0;
			int low = 0;
			int none = 0;
			List<Double> ratios = new ArrayList<>();
			double spent = 0;
			for (Outcome o : outcomes) {
				Double lr = o.rates().get(rule);
				spent += o.spent().get(rule);
				if (lr == null) {
					none++;
					continue;
				}
				ratios.add(o.losses().get(rule) / o.bestLoss());
				if (o.hit(rule)) {
					hits++;
				}
				else if (lr > o.bestLr()) {
					high++;
				}
				else {
					low++;
				}
			}
			md.append(String.format(Locale.ROOT, "| `%s` | **%d / %d** | %s | %d | %d | %d | %.3f |%n", rule, hits,
					outcomes.size(), median(ratios), high, low, none, spent / outcomes.size() / (GRID.length * BUDGET)));
		}
		md.append("\nHits by group:\n\n| group | n |");
		rules.forEach(rule -> md.append(" `").append(rule).append("` |"));
		md.append("\n|---|---|");
		rules.forEach(rule -> md.append("---|"));
		md.append('\n');
		List<Function<Outcome, String>> groupings = List.of(o -> o.problem().optimizer(), o -> o.problem().model(),
				o -> o.problem().task(), o -> o.problem().data().origin());
		for (Function<Outcome, String> grouping : groupings) {
			Map<String, List<Outcome>> groups = new LinkedHashMap<>();
			outcomes.forEach(o -> groups.computeIfAbsent(grouping.apply(o), k -> new ArrayList<>()).add(o));
			groups.forEach((name, members) -> {
				md.append("| ").append(name).append(" | ").append(members.size()).append(" |");
				for (String rule : rules) {
					md.append(' ').append(members.stream().filter(o -> o.hit(rule)).count()).append(" |");
				}
				md.append('\n');
			});
		}
		if (!before) {
			Map<String, Integer> warnings = new LinkedHashMap<>();
			outcomes.forEach(o -> o.warnings().forEach(w -> warnings.merge(w, 1, Integer::sum)));
			md.append("\nWarnings given: ").append(warnings.isEmpty() ? "none" : warnings.toString()).append('\n');
		}
		return md.toString();
	}

	private static String median(List<Double> values) {
		if (values.isEmpty()) {
			return "-";
		}
		List<Double> sorted = values.stream().sorted().toList();
		double m = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
				: (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
		return Double.isFinite(m) ? String.format(Locale.ROOT, "%.3f", m) : "diverged";
	}

	private static Double geometric(Double a, Double b) {
		return a == null || b == null ? null : Math.sqrt(a * b);
	}

	private static double[] quarterDecades(int fromExponent, int toExponent) {
		int count = (toExponent - fromExponent) * 4 + 1;
		double[] rates = new double[count];
		for (int i = 0; i < count; i++) {
			rates[i] = Math.pow(10, fromExponent + i / 4.0);
		}
		return rates;
	}

	/**
	 * The analysis lrtune shipped before honest answers, kept here to measure it: {@code divergence} a tenth of the
	 * first lr after the minimum where the smoothed loss exceeds its first analysed value, else of the last analysed
	 * lr; {@code minimum} a tenth of the lr at the lowest smoothed loss, wherever it is.
	 */
	record Legacy(double minimum, double divergence) {

		static Legacy of(double[] lr, double[] loss, RangeTestOptions options) {
			double[] smoothed = SmoothedLoss.smooth(loss, options.smoothing());
			int finite = 0;
			while (finite < smoothed.length && Double.isFinite(smoothed[finite])) {
				finite++;
			}
			int from = 0;
			int to = finite;
			if (finite - options.skipStart() - options.skipEnd() >= 10) {
				from = options.skipStart();
				to = finite - options.skipEnd();
			}
			int minimum = from;
			for (int i = from + 1; i < to; i++) {
				if (smoothed[i] < smoothed[minimum]) {
					minimum = i;
				}
			}
			int divergence = to - 1;
			for (int i = minimum + 1; i < to; i++) {
				if (smoothed[i] > smoothed[from]) {
					divergence = i;
					break;
				}
			}
			return new Legacy(lr[minimum] / 10, lr[divergence] / 10);
		}

	}

}
