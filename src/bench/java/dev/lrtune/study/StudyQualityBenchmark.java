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
import dev.lrtune.job.SearchSummary;
import dev.lrtune.schedule.ScheduleSpec;

/**
 * Does a generated study pick well? On every problem of {@link QualityBenchmark} (dataset × model × optimizer, batch
 * 32, seed 42), a study of {@value #BUDGET_DEFAULT} iterations runs as the service runs it, without the database:
 * the learning-rate search ({@link LrSearch}, judged by the study's objective), the eight candidates sized from it
 * ({@link StudyCoordinator#generated}), the constant candidate's whole run taken from the search
 * ({@link StudyCoordinator#searchRun}), the other seven racing by successive halving with the study's defaults
 * ({@link StrategyRequest#resolved}, each rung's trials sized and measured for the rung by
 * {@link StudyCoordinator#evaluateEvery}, ranked and pruned by {@link StudyCoordinator#survivors}). Then every
 * candidate trains the whole budget (brute force): the study's pick hits when its loss under the objective is within
 * 2 % of the best candidate's (or {@value #ZERO}, for losses at numerical zero). Iterations are the study's rungs against the eight whole runs (the search, which both
 * need to size the candidates, is reported apart).
 *
 * <p>Other strategies are measured beside the default on the same search and the same whole runs, among them the study
 * as it was before (all eight racing); the last rung of every strategy trains the whole budget with the same
 * schedules and seed, so its runs are the brute force's. The benchmark checks it: the earlier study's last rung is
 * trained again, and the search's whole run at its rate is compared with the constant candidate's; it counts any
 * difference, which must be none.
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
	 * @param minIterations the first rung, {@code null} for the default (resolved for eight candidates, as the
	 *        service resolves a generated study's strategy when it is submitted)
	 * @param constantFromSearch the constant candidate (the searched rate itself) skips the rungs and meets the last
	 *        rung's survivor with the search's own whole run at that rate, as the service does
	 *        ({@link StudyCoordinator#searchRun}, counted as no iterations: the search trained it)
	 * @param denseRungs the trials of rungs shorter than the budget measure the validation split at least 100 times
	 *        ({@link StudyCoordinator#evaluateEvery}, as the service does); false: every ⌈budget / 100⌉ iterations
	 *        at every rung, as the service did before
	 * @param rungs the rungs' lengths, {@code null} for successive halving's from {@code minIterations} and eta
	 * @param keep how many of each rung's entrants go on, {@code null} for ⌊n/eta⌋
	 * @param secondHalf the rungs before the last rank their trials by the lowest loss of the trial's second half
	 *        (objective best)
	 * @param byKind the first rung sends on the best of each kind instead: the schedules that start at the searched
	 *        rate, and those that climb to the range test's upper bound ({@code cyclic}, {@code one_cycle})
	 */
	record Strategy(String name, int eta, Long minIterations, boolean constantFromSearch, boolean denseRungs,
			List<Long> rungs, List<Integer> keep, boolean byKind, boolean secondHalf) {

		/** The study as the service runs it: eta 3, the constant candidate from the search, dense short rungs. */
		static Strategy service(String name) {
			return new Strategy(name, StrategyRequest.DEFAULT_ETA, null, true, true, null, null, false, false);
		}

		Strategy firstRung(String newName, long iterations) {
			return new Strategy(newName, eta, iterations, constantFromSearch, denseRungs, rungs, keep, byKind, secondHalf);
		}

		Strategy plan(String newName, List<Long> lengths, List<Integer> survivors) {
			return new Strategy(newName, eta, minIterations, constantFromSearch, denseRungs, lengths, survivors, byKind, secondHalf);
		}

		Strategy byKind(String newName) {
			return new Strategy(newName, eta, minIterations, constantFromSearch, denseRungs, rungs, keep, true, secondHalf);
		}

		Strategy bySecondHalf(String newName) {
			return new Strategy(newName, eta, minIterations, constantFromSearch, denseRungs, rungs, keep, byKind, true);
		}

	}

	/** The study as it was before the constant candidate came from the search: all eight race, sparse rungs. */
	static final Strategy BEFORE = new Strategy("before: all eight race (eta 3, 10 measurements at the first rung)",
			StrategyRequest.DEFAULT_ETA, null, false, false, null, null, false, false);

	static final Strategy DEFAULT = Strategy.service("the study as built (constant from the search, 100 measurements per rung)");

	static final List<Strategy> STRATEGIES = List.of(BEFORE, DEFAULT,
			DEFAULT.firstRung("built, first rung 127 (the longest eta 3 allows within 1/3)", 127),
			DEFAULT.plan("built, one screening rung: 7 × 95 → 2 × 1000", List.of(95L, BUDGET_DEFAULT), List.of(2)),
			DEFAULT.plan("built, 7 × 95 → 3 × 285 → 1 × 1000", List.of(95L, 285L, BUDGET_DEFAULT), List.of(3, 1)),
			DEFAULT.bySecondHalf("built, rungs ranked by the lowest loss of each trial's second half"),
			DEFAULT.byKind("built, the first rung keeps the best of each kind"),
			DEFAULT.plan("", List.of(95L, BUDGET_DEFAULT), List.of(2))
				.byKind("built, 7 × 95 → the best of each kind × 1000"));

	/** The families that climb to the range test's upper bound rather than start at the searched rate. */
	static final List<String> CLIMBING = List.of("cyclic", "one_cycle");

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
	record Run(JobStatus status, Double last, Double best, Long bestIteration, long iterations, Double secondHalf) {

		Run(JobStatus status, Double last, Double best, Long bestIteration, long iterations) {
			this(status, last, best, bestIteration, iterations, null);
		}

		TrialOutcome outcome(int candidate, int rung) {
			return new TrialOutcome(candidate, rung, status, last, best, bestIteration, iterations);
		}

		/** The outcome ranked by the lowest loss of the run's second half in place of its lowest. */
		TrialOutcome secondHalfOutcome(int candidate, int rung) {
			return new TrialOutcome(candidate, rung, status, last, secondHalf, bestIteration, iterations);
		}

	}

	/** What one strategy did on one problem. */
	record Pick(Integer candidate, long iterations, String prunedBest) {
	}

	/** A problem's study, as the service would run it. */
	record StudySetup(Problem problem, long budget, Objective objective) {

		Outcome measure() {
			SplitDataset split = problem.data().data().split(0.2, QualityBenchmark.SEED, true, true);
			SearchSpec searchSpec = SearchSpec.of(budget, null, null, null, objective.jsonName())
				.withEvaluateEvery(request(budget).evaluateEvery());
			SearchResult search = new LrSearch(problem.modelSpec(), problem.optimizerSpec(), QualityBenchmark.BATCH,
					RangeTestOptions.defaults(), searchSpec).run(split, QualityBenchmark.SEED);
			Recommendation finder = StudyCoordinator.finder(search.rangeTest(), search.lr(), search.method());
			StudyRequest request = request(budget);
			List<ScheduleSpec> whole = StudyCoordinator.generated(finder, request, budget);
			List<Run> brute = whole.stream().map(schedule -> train(split, schedule, budget)).toList();
			SearchSummary summary = new SearchSummary(search.lr(), search.method(), searchSpec.family().jsonName(),
					searchSpec.objective().jsonName(), search.evidence(), search.iterationsSpent(), 0,
					search.trials().stream().map(trial -> SearchSummary.SearchTrial.of(trial, 0)).toList());
			Run fromSearch = StudyCoordinator.searchRun(summary, budget, 0)
				.map(outcome -> new Run(outcome.status(), outcome.validationLoss(), outcome.bestValidationLoss(),
						outcome.bestIteration(), outcome.reached()))
				.orElse(null);
			Map<String, Pick> picks = new LinkedHashMap<>();
			int mismatches = 0;
			Run constantRun = brute.get(StudyCoordinator.CONSTANT);
			if (fromSearch != null && !fromSearch.equals(new Run(constantRun.status(), constantRun.last(),
					constantRun.best(), constantRun.bestIteration(), constantRun.iterations()))) {
				// the search's whole run must be the constant candidate's own
				mismatches++;
			}
			for (Strategy strategy : STRATEGIES) {
				Pick pick = race(split, finder, strategy, brute, fromSearch);
				picks.put(strategy.name(), pick);
			}
			Pick trained = picks.get(BEFORE.name());
			if (trained.candidate() != null) {
				// the default's last rung trained for real: it must repeat the brute force's run exactly
				Run again = train(split, whole.get(trained.candidate()), budget);
				if (!again.equals(brute.get(trained.candidate()))) {
					mismatches++;
				}
			}
			return new Outcome(problem, objective, search.lr(), search.iterationsSpent(), brute, picks, mismatches,
					fromSearch != null);
		}

		StudyRequest request(long iterations) {
			int every = (int) Math.max(1, (iterations + StudyManagement.DEFAULT_EVALUATIONS - 1)
					/ StudyManagement.DEFAULT_EVALUATIONS);
			return new StudyRequest(null, null, null, QualityBenchmark.BATCH, QualityBenchmark.SEED, 0.2, true,
					iterations, every, null, new StrategyRequest(null, null, null), objective.jsonName(), null, null, null,
					null, null);
		}

		/** Successive halving as {@link StudyCoordinator} runs it; the last rung's runs are the brute force's. */
		Pick race(SplitDataset split, Recommendation finder, Strategy strategy, List<Run> brute, Run fromSearch) {
			StudyRequest base = request(budget);
			int constant = StudyCoordinator.CONSTANT;
			boolean bye = strategy.constantFromSearch() && fromSearch != null;
			List<Integer> alive = new ArrayList<>(StudyCoordinator.racing(StudyRequest.GENERATED_CANDIDATES, bye));
			StrategyRequest resolved = new StrategyRequest(null, strategy.eta(), strategy.minIterations())
				.resolved(StudyRequest.GENERATED_CANDIDATES, budget);
			List<Long> rungs = strategy.rungs() != null ? strategy.rungs()
					: SuccessiveHalving.rungs(resolved.minIterations(), resolved.eta(), budget);
			long spent = 0;
			int bestCandidate = bestOf(brute);
			String prunedBest = null;
			for (int rung = 0; rung < rungs.size(); rung++) {
				long length = rungs.get(rung);
				boolean last = rung == rungs.size() - 1;
				int every = strategy.denseRungs() ? StudyCoordinator.evaluateEvery(base, length) : base.evaluateEvery();
				List<ScheduleSpec> schedules = strategy.denseRungs() ? StudyCoordinator.generated(finder, base, length)
						: CandidateSchedules.from(finder, length, every == 0 ? 1 : length / every);
				List<TrialOutcome> outcomes = new ArrayList<>();
				for (int candidate : alive) {
					Run run = last ? brute.get(candidate) : train(split, schedules.get(candidate), length, every);
					spent += run.iterations();
					outcomes.add(strategy.secondHalf() && !last ? run.secondHalfOutcome(candidate, rung)
							: run.outcome(candidate, rung));
				}
				if (last) {
					if (bye) {
						outcomes.add(fromSearch.outcome(constant, rung));
					}
					Integer pick = outcomes.stream()
						.filter(outcome -> outcome.ranked(objective))
						.min(TrialOutcome.bestFirst(objective))
						.map(TrialOutcome::candidate)
						.orElse(null);
					return new Pick(pick, spent, prunedBest);
				}
				List<Integer> survivors = strategy.byKind() && rung == 0 ? bestOfEachKind(outcomes)
						: strategy.keep() == null
						? StudyCoordinator.survivors(outcomes, objective, resolved.eta())
						: outcomes.stream().filter(outcome -> outcome.ranked(objective))
							.sorted(TrialOutcome.bestFirst(objective)).limit(strategy.keep().get(rung))
							.map(TrialOutcome::candidate).sorted().toList();
				if (alive.contains(bestCandidate) && !survivors.contains(bestCandidate)) {
					prunedBest = "rung " + rung + " (" + length + ")";
				}
				alive = new ArrayList<>(survivors);
				if (alive.isEmpty() && !bye) {
					return new Pick(null, spent, prunedBest);
				}
			}
			throw new IllegalStateException("the last rung returns");
		}

		/** The best ranked outcome among the climbing families and the best among the others, in candidate order. */
		List<Integer> bestOfEachKind(List<TrialOutcome> outcomes) {
			List<Integer> best = new ArrayList<>();
			for (boolean climbing : new boolean[] { false, true }) {
				outcomes.stream()
					.filter(outcome -> outcome.ranked(objective)
							&& CLIMBING.contains(FAMILIES.get(outcome.candidate())) == climbing)
					.min(TrialOutcome.bestFirst(objective))
					.ifPresent(outcome -> best.add(outcome.candidate()));
			}
			return best.stream().sorted().toList();
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
			Lowest lowest = new Lowest(iterations / 2);
			TrainingResult result = new Trainer(network,
					Optimizers.create(problem.optimizerSpec(), network.parameterCount()), spec.toSchedule(perEpoch),
					new TrainingSettings(QualityBenchmark.BATCH, iterations, every, seed))
				.run(split, lowest);
			JobStatus status = result.status() == TrainingStatus.COMPLETED ? JobStatus.SUCCEEDED : JobStatus.DIVERGED;
			Double last = Double.isFinite(result.validationLoss()) ? result.validationLoss() : null;
			return new Run(status, last, lowest.loss, lowest.iteration, result.iterations(), lowest.secondHalf);
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
			Map<String, Pick> picks, int mismatches, boolean constantFromSearch) {

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
		for (Strategy listed : List.of(BEFORE, DEFAULT)) {
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
		md.append(String.format(Locale.ROOT, "%nThe search trained the constant candidate's whole run on %d of %d "
				+ "problems (the others race it)%n", outcomes.stream().filter(Outcome::constantFromSearch).count(),
				outcomes.size()));
		md.append(String.format(Locale.ROOT, "%nLast-rung runs (and the search's whole runs at the searched rate) that "
				+ "differed from the same whole run: %d%n", mismatches));
		return md.toString();
	}

	/** Remembers the lowest finite validation loss and where, as a training job does for a study. */
	static final class Lowest implements TrainingListener {

		final long half;

		Double loss;

		/** The lowest from iteration {@code half} on. */
		Double secondHalf;

		Lowest(long half) {
			this.half = half;
		}

		Long iteration;

		@Override
		public void onValidation(long k, double validationLoss, double accuracy) {
			if (Double.isFinite(validationLoss) && (loss == null || validationLoss < loss)) {
				loss = validationLoss;
				iteration = k;
			}
			if (k >= half && Double.isFinite(validationLoss) && (secondHalf == null || validationLoss < secondHalf)) {
				secondHalf = validationLoss;
			}
		}

	}

}
