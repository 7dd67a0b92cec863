package dev.lrtune.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import dev.lrtune.bench.QualityBenchmark;
import dev.lrtune.bench.QualityBenchmark.NamedData;
import dev.lrtune.bench.QualityBenchmark.Problem;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.search.LrSearch;
import dev.lrtune.core.search.SearchResult;
import dev.lrtune.core.search.SearchSpec;
import dev.lrtune.core.search.SuccessiveHalving;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingResult;
import dev.lrtune.core.train.TrainingSettings;
import dev.lrtune.core.train.TrainingStatus;
import dev.lrtune.job.JobStatus;
import dev.lrtune.schedule.ScheduleSpec;

/**
 * Does a generated study pick well? On every problem of {@link QualityBenchmark} (dataset × model × optimizer, batch
 * 32, seed 42), a study of {@value #BUDGET_DEFAULT} iterations runs as the service runs it, without the database:
 * the learning-rate search ({@link LrSearch}, judged by the study's objective), the eight candidates sized from it
 * ({@link StudyCoordinator#generated}), successive halving with the study's defaults ({@link StrategyRequest#resolved},
 * each rung's trials sized for the rung, ranked and pruned by {@link StudyCoordinator#survivors}). Then every
 * candidate trains the whole budget (brute force): the study's pick hits when its loss under the objective is within
 * 2 % of the best candidate's (or {@value #ZERO}, for losses at numerical zero). Iterations are the study's rungs against the eight whole runs (the search, which both
 * need to size the candidates, is reported apart).
 *
 * <p>Other strategies are measured beside the default on the same search and the same whole runs (the last rung of
 * every strategy trains the whole budget with the same schedules and seed, so its runs are the brute force's; the
 * default strategy trains its last rung anyway and the benchmark counts any difference, which must be none).
 *
 * <p>Arguments: {@code --threads N} (default 2), {@code --only NAME,...}, {@code --data DIR}, {@code --budget B},
 * {@code --objective best|last} (default best, the study's default). Uses the core and the study's own planning code,
 * not the service: no database, no HTTP.
 */
public final class StudyQualityBenchmark {

	static final long BUDGET_DEFAULT = 1000;

	/** A pick hits within this fraction of the best candidate's loss... */
	static final double TOLERANCE = 0.02;

	/** ...or this close to it: losses at numerical zero (separable data) differ by ratios that mean nothing. */
	static final double ZERO = 1e-6;

	/** The quality benchmark's looser rule, reported beside: within max(2 %, this) of the best. */
	static final double QUALITY_FLOOR = 0.005;

	static final List<String> FAMILIES = List.of("constant", "step", "exponential", "linear", "plateau", "cyclic",
			"cosine_restarts", "one_cycle");

	private StudyQualityBenchmark() {
	}

	/**
	 * How a strategy spends the budget.
	 *
	 * @param eta successive halving's eta
	 * @param minIterations the first rung, {@code null} for the default
	 * @param sizedForRung each rung's trial is the candidate sized for the rung (the study's way for generated
	 *        candidates); false: sized for the budget and stopped at the rung (its way for given ones)
	 * @param rankBy what ranks the trials of the rungs before the last; {@code null}: the study's objective
	 * @param evaluations validation measurements per rung; {@code null}: every ⌈budget / 100⌉ iterations at every
	 *        rung, the study's default
	 * @param constantBye the constant candidate (the searched rate itself) skips the rungs and meets the last rung's
	 *        survivor with the search's own whole run at that rate (counted as no iterations: the search trained it)
	 */
	record Strategy(String name, int eta, Long minIterations, boolean sizedForRung, Objective rankBy,
			Integer evaluations, boolean constantBye) {

		static Strategy of(String name, int eta) {
			return new Strategy(name, eta, null, true, null, null, false);
		}

		Strategy bye(String newName) {
			return new Strategy(newName, eta, minIterations, sizedForRung, rankBy, evaluations, true);
		}

		Strategy rankedBy(String newName, Objective objective) {
			return new Strategy(newName, eta, minIterations, sizedForRung, objective, evaluations, constantBye);
		}

		Strategy measured(String newName, int perRung) {
			return new Strategy(newName, eta, minIterations, sizedForRung, rankBy, perRung, constantBye);
		}

	}

	static final Strategy DEFAULT = Strategy.of("default (eta 3, sized for the rung)", StrategyRequest.DEFAULT_ETA);

	static final List<Strategy> STRATEGIES = List.of(DEFAULT,
			DEFAULT.rankedBy("rungs ranked by the last loss", Objective.LAST),
			DEFAULT.measured("100 measurements per rung", 100),
			DEFAULT.bye("constant from the search"),
			DEFAULT.bye("").rankedBy("constant from the search, rungs by the last loss", Objective.LAST),
			DEFAULT.bye("").measured("constant from the search, 100 measurements per rung", 100),
			Strategy.of("", 2).bye("constant from the search, eta 2"),
			Strategy.of("", 4).bye("constant from the search, eta 4"));

	public static void main(String[] args) throws Exception {
		int threads = 2;
		Path dataDir = Path.of("bench/quality-data");
		List<String> only = null;
		long budget = BUDGET_DEFAULT;
		Objective objective = Objective.BEST;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--threads" -> threads = Integer.parseInt(args[++i]);
				case "--data" -> dataDir = Path.of(args[++i]);
				case "--only" -> only = List.of(args[++i].split(","));
				case "--budget" -> budget = Long.parseLong(args[++i]);
				case "--objective" -> objective = Objective.of(args[++i]);
				default -> throw new IllegalArgumentException("unknown argument " + args[i]);
			}
		}
		List<NamedData> datasets = QualityBenchmark.datasets(dataDir, only);
		List<Problem> problems = QualityBenchmark.problems(datasets);
		System.out.printf(Locale.ROOT, "%d datasets, %d problems, budget %d, objective %s, %d threads%n",
				datasets.size(), problems.size(), budget, objective.jsonName(), threads);
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Outcome>> futures = new ArrayList<>();
		for (Problem problem : problems) {
			StudySetup setup = new StudySetup(problem, budget, objective);
			futures.add(pool.submit(setup::measure));
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (Future<Outcome> future : futures) {
			Outcome outcome = future.get();
			if (outcome.best() < 0) {
				System.out.println(outcome.problem().data().name() + " " + outcome.problem().model() + " "
						+ outcome.problem().optimizer() + ": every candidate diverged; left out");
				continue;
			}
			outcomes.add(outcome);
			System.out.println(outcome.line());
		}
		pool.shutdown();
		String report = report(outcomes, budget, objective);
		System.out.println();
		System.out.println(report);
		System.out.printf(Locale.ROOT, "wall time %.0f s; load average %s%n", (System.nanoTime() - start) / 1e9,
				Files.readString(Path.of("/proc/loadavg")).trim());
		Path out = Path.of("target", "study-quality-" + objective.jsonName() + ".md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println("written to " + out);
	}

	/** One trial's run: how it ended, its last and lowest validation loss, what it trained. */
	record Run(JobStatus status, Double last, Double best, Long bestIteration, long iterations) {

		TrialOutcome outcome(int candidate, int rung) {
			return new TrialOutcome(candidate, rung, status, last, best, bestIteration, iterations);
		}

	}

	/** What one strategy did on one problem. */
	record Pick(Integer candidate, long iterations, String prunedBest) {
	}

	/** A problem's study, as the service would run it. */
	record StudySetup(Problem problem, long budget, Objective objective) {

		Outcome measure() {
			SplitDataset split = problem.data().data().split(0.2, QualityBenchmark.SEED, true, true);
			SearchSpec searchSpec = SearchSpec.of(budget, null, null, null, objective.jsonName());
			SearchResult search = new LrSearch(problem.modelSpec(), problem.optimizerSpec(), QualityBenchmark.BATCH,
					RangeTestOptions.defaults(), searchSpec).run(split, QualityBenchmark.SEED);
			Recommendation finder = StudyCoordinator.finder(search.rangeTest(), search.lr(), search.method());
			StudyRequest request = request(budget);
			List<ScheduleSpec> whole = StudyCoordinator.generated(finder, request, budget);
			List<Run> brute = whole.stream().map(schedule -> train(split, schedule, budget)).toList();
			Map<String, Pick> picks = new LinkedHashMap<>();
			int mismatches = 0;
			for (Strategy strategy : STRATEGIES) {
				Pick pick = race(split, finder, strategy, brute);
				picks.put(strategy.name(), pick);
			}
			Pick trained = picks.get(DEFAULT.name());
			if (trained.candidate() != null) {
				// the default's last rung trained for real: it must repeat the brute force's run exactly
				Run again = train(split, whole.get(trained.candidate()), budget);
				if (!again.equals(brute.get(trained.candidate()))) {
					mismatches++;
				}
			}
			return new Outcome(problem, objective, search.lr(), search.iterationsSpent(), brute, picks, mismatches);
		}

		StudyRequest request(long iterations) {
			int every = (int) Math.max(1, (iterations + StudyManagement.DEFAULT_EVALUATIONS - 1)
					/ StudyManagement.DEFAULT_EVALUATIONS);
			return new StudyRequest(null, null, null, QualityBenchmark.BATCH, QualityBenchmark.SEED, 0.2, true,
					iterations, every, null, new StrategyRequest(null, null, null), objective.jsonName(), null, null, null,
					null, null);
		}

		/** Successive halving as {@link StudyCoordinator} runs it; the last rung's runs are the brute force's. */
		Pick race(SplitDataset split, Recommendation finder, Strategy strategy, List<Run> brute) {
			StudyRequest base = request(budget);
			int constant = FAMILIES.indexOf("constant");
			List<Integer> alive = new ArrayList<>();
			for (int i = 0; i < StudyRequest.GENERATED_CANDIDATES; i++) {
				if (!(strategy.constantBye() && i == constant)) {
					alive.add(i);
				}
			}
			StrategyRequest resolved = new StrategyRequest(null, strategy.eta(), strategy.minIterations())
				.resolved(alive.size(), budget);
			List<Long> rungs = SuccessiveHalving.rungs(resolved.minIterations(), resolved.eta(), budget);
			Objective rankBy = strategy.rankBy() == null ? objective : strategy.rankBy();
			long spent = 0;
			int bestCandidate = bestOf(brute);
			String prunedBest = null;
			for (int rung = 0; rung < rungs.size(); rung++) {
				long length = rungs.get(rung);
				boolean last = rung == rungs.size() - 1;
				List<ScheduleSpec> schedules = StudyCoordinator.generated(finder, base,
						strategy.sizedForRung() ? length : budget);
				int every = strategy.evaluations() == null ? base.evaluateEvery()
						: (int) Math.max(1, (length + strategy.evaluations() - 1) / strategy.evaluations());
				List<TrialOutcome> outcomes = new ArrayList<>();
				for (int candidate : alive) {
					Run run = last ? brute.get(candidate) : train(split, schedules.get(candidate), length, every);
					spent += run.iterations();
					outcomes.add(run.outcome(candidate, rung));
				}
				if (last) {
					if (strategy.constantBye()) {
						outcomes.add(brute.get(constant).outcome(constant, rung));
					}
					Integer pick = outcomes.stream()
						.filter(outcome -> outcome.ranked(objective))
						.min(TrialOutcome.bestFirst(objective))
						.map(TrialOutcome::candidate)
						.orElse(null);
					return new Pick(pick, spent, prunedBest);
				}
				List<Integer> survivors = StudyCoordinator.survivors(outcomes, rankBy, resolved.eta());
				if (alive.contains(bestCandidate) && !survivors.contains(bestCandidate)) {
					prunedBest = "rung " + rung + " (" + length + ")";
				}
				alive = new ArrayList<>(survivors);
				if (alive.isEmpty() && !strategy.constantBye()) {
					return new Pick(null, spent, prunedBest);
				}
			}
			throw new IllegalStateException("the last rung returns");
		}

		/** The best candidate of the whole runs by the objective; -1 when none could be ranked. */
		int bestOf(List<Run> runs) {
			int best = -1;
			for (int i = 0; i < runs.size(); i++) {
				Double loss = loss(runs.get(i), objective);
				if (loss != null && (best < 0 || loss < loss(runs.get(best), objective))) {
					best = i;
				}
			}
			return best;
		}

		/** A trial job of the study: the schedule, those iterations, the study's evaluation frequency and seed. */
		Run train(SplitDataset split, ScheduleSpec spec, long iterations) {
			return train(split, spec, iterations, request(budget).evaluateEvery());
		}

		/** The same, measuring the validation split every that many iterations. */
		Run train(SplitDataset split, ScheduleSpec spec, long iterations, int every) {
			long seed = QualityBenchmark.SEED;
			int perEpoch = (int) TrainingSettings.iterationsPerEpoch(split.train().rows(), QualityBenchmark.BATCH);
			Model network = Models.create(problem.modelSpec(), split.train().task(), split.train().cols(), seed);
			Lowest lowest = new Lowest();
			TrainingResult result = new Trainer(network,
					Optimizers.create(problem.optimizerSpec(), network.parameterCount()), spec.toSchedule(perEpoch),
					new TrainingSettings(QualityBenchmark.BATCH, iterations, every, seed))
				.run(split, lowest);
			JobStatus status = result.status() == TrainingStatus.COMPLETED ? JobStatus.SUCCEEDED : JobStatus.DIVERGED;
			Double last = Double.isFinite(result.validationLoss()) ? result.validationLoss() : null;
			return new Run(status, last, lowest.loss, lowest.iteration, result.iterations());
		}

	}

	/** A run's loss under an objective, {@code null} when it has none (diverged). */
	static Double loss(Run run, Objective objective) {
		if (run.status() != JobStatus.SUCCEEDED) {
			return null;
		}
		return objective == Objective.BEST ? run.best() : run.last();
	}

	/** What one problem measured. */
	record Outcome(Problem problem, Objective objective, Double searchLr, long searchIterations, List<Run> brute,
			Map<String, Pick> picks, int mismatches) {

		int best() {
			int best = -1;
			for (int i = 0; i < brute.size(); i++) {
				Double loss = loss(brute.get(i), objective);
				if (loss != null && (best < 0 || loss < loss(brute.get(best), objective))) {
					best = i;
				}
			}
			return best;
		}

		double bestLoss() {
			return loss(brute.get(best()), objective);
		}

		/** The pick's loss over the best's, minus one; +∞ when the study picked nothing. */
		double excess(String strategy) {
			Integer pick = picks.get(strategy).candidate();
			return pick == null ? Double.POSITIVE_INFINITY : loss(brute.get(pick), objective) / bestLoss() - 1;
		}

		boolean hit(String strategy) {
			return within(strategy, ZERO);
		}

		/** The pick's loss is at most the best's plus max(2 % of it, floor). */
		boolean within(String strategy, double floor) {
			Integer pick = picks.get(strategy).candidate();
			return pick != null
					&& loss(brute.get(pick), objective) <= bestLoss() + Math.max(TOLERANCE * bestLoss(), floor);
		}

		String line() {
			StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-14s %-6s %-8s lr %-8.3g best %s %.4g |",
					problem.data().name(), problem.model(), problem.optimizer(), searchLr == null ? Double.NaN : searchLr,
					FAMILIES.get(best()), bestLoss()));
			for (int i = 0; i < brute.size(); i++) {
				Double loss = loss(brute.get(i), objective);
				text.append(loss == null ? " div" : String.format(Locale.ROOT, " %.4g", loss));
			}
			picks.forEach((name, pick) -> text.append(String.format(Locale.ROOT, " | %s%s%s",
					pick.candidate() == null ? "none" : FAMILIES.get(pick.candidate()), hit(name) ? "*" : "",
					hit(name) || pick.candidate() == null || !Double.isFinite(excess(name)) ? "" : String.format(Locale.ROOT, " +%.1f%%", 100 * excess(name)))));
			if (mismatches > 0) {
				text.append(" | LAST RUNG DIFFERS FROM THE WHOLE RUN");
			}
			return text.toString();
		}

	}

	static String report(List<Outcome> outcomes, long budget, Objective objective) {
		StringBuilder md = new StringBuilder();
		long whole = StudyRequest.GENERATED_CANDIDATES * budget;
		double search = outcomes.stream().mapToLong(Outcome::searchIterations).average().orElse(0);
		md.append(String.format(Locale.ROOT, "%d problems; budget %d; objective %s; the eight whole runs: %d "
				+ "iterations; the search: %.0f iterations on average%n%n", outcomes.size(), budget, objective.jsonName(),
				whole, search));
		md.append("| strategy | picks within 2 % | within max(2 %, 0.005) | median excess of misses | misses > 10 % | "
				+ "no pick | rung iterations / whole runs | with the search / search + whole runs |\n"
				+ "|---|---|---|---|---|---|---|---|\n");
		for (Strategy strategy : STRATEGIES) {
			String name = strategy.name();
			long hits = outcomes.stream().filter(o -> o.hit(name)).count();
			List<Double> misses = outcomes.stream().filter(o -> !o.hit(name)).map(o -> o.excess(name))
				.filter(Double::isFinite).sorted().toList();
			long none = outcomes.stream().filter(o -> o.picks().get(name).candidate() == null).count();
			double spent = outcomes.stream().mapToLong(o -> o.picks().get(name).iterations()).average().orElse(0);
			long loose = outcomes.stream().filter(o -> o.within(name, QUALITY_FLOOR)).count();
			md.append(String.format(Locale.ROOT, "| %s | **%d / %d** (%.1f %%) | %d | %s | %d | %d | %.3f | %.3f |%n",
					name, hits, outcomes.size(), 100.0 * hits / outcomes.size(), loose,
					misses.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * misses.get(misses.size() / 2)),
					misses.stream().filter(m -> m > 0.10).count(), none, spent / whole, (spent + search) / (whole + search)));
		}
		for (Strategy listed : List.of(DEFAULT, STRATEGIES.get(3))) {
			String main = listed.name();
			md.append("\nMisses of \"" + main + "\" (pick → best candidate, excess, where the best was pruned):\n\n");
			outcomes.stream().filter(o -> !o.hit(main)).sorted(Comparator.comparingDouble(o -> -o.excess(main)))
				.forEach(o -> md.append(String.format(Locale.ROOT, "- %s %s %s: %s → %s, %s, pruned at %s%n",
						o.problem().data().name(), o.problem().model(), o.problem().optimizer(),
						o.picks().get(main).candidate() == null ? "none" : FAMILIES.get(o.picks().get(main).candidate()),
						FAMILIES.get(o.best()), Double.isFinite(o.excess(main))
								? String.format(Locale.ROOT, "+%.1f %%", 100 * o.excess(main)) : "no pick",
						o.picks().get(main).prunedBest())));
		}
		md.append("\nBest candidate when trained whole: ");
		Map<String, Integer> bestFamilies = new LinkedHashMap<>();
		FAMILIES.forEach(f -> bestFamilies.put(f, 0));
		outcomes.forEach(o -> bestFamilies.merge(FAMILIES.get(o.best()), 1, Integer::sum));
		md.append(bestFamilies).append('\n');
		md.append("\nPicks within 2 % by group:\n\n| group | n |");
		STRATEGIES.forEach(s -> md.append(' ').append(s.name()).append(" |"));
		md.append("\n|---|---|");
		STRATEGIES.forEach(s -> md.append("---|"));
		md.append('\n');
		List<Function<Outcome, String>> groupings = List.of(o -> o.problem().optimizer(), o -> o.problem().model(),
				o -> o.problem().task());
		for (Function<Outcome, String> grouping : groupings) {
			Map<String, List<Outcome>> groups = new LinkedHashMap<>();
			outcomes.forEach(o -> groups.computeIfAbsent(grouping.apply(o), k -> new ArrayList<>()).add(o));
			groups.forEach((group, members) -> {
				md.append("| ").append(group).append(" | ").append(members.size()).append(" |");
				STRATEGIES.forEach(s -> md.append(' ').append(members.stream().filter(o -> o.hit(s.name())).count())
					.append(" |"));
				md.append('\n');
			});
		}
		int mismatches = outcomes.stream().mapToInt(Outcome::mismatches).sum();
		md.append(String.format(Locale.ROOT, "%nLast-rung runs that differed from the same whole run: %d%n", mismatches));
		return md.toString();
	}

	/** Remembers the lowest finite validation loss and where, as a training job does for a study. */
	static final class Lowest implements TrainingListener {

		Double loss;

		Long iteration;

		@Override
		public void onValidation(long k, double validationLoss, double accuracy) {
			if (Double.isFinite(validationLoss) && (loss == null || validationLoss < loss)) {
				loss = validationLoss;
				iteration = k;
			}
		}

	}

}
