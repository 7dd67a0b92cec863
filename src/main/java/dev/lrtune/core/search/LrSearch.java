package dev.lrtune.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.DoubleStream;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.rangetest.RangeTest;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.RangeTestResult;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.search.SearchSpec.Objective;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingResult;
import dev.lrtune.core.train.TrainingSettings;
import dev.lrtune.core.train.TrainingStatus;

/**
 * A measured learning rate: a range test, then a race of rates placed around its suggestions, trained for the
 * run the user intends and cut down by {@link SuccessiveHalving}. What a user of fastai's {@code lr_find} does by
 * hand afterwards (try a few rates near the suggestion for a while, keep the best), with the iterations spent
 * kept small.
 *
 * <ol>
 * <li>The range test runs as a {@link RangeTest} with the given options.</li>
 * <li>{@link #rates(Recommendation, int, RangeTestOptions) The raced rates}: {@code rates} values evenly spaced
 * in log(lr) over the span of the suggestions, see there, {@link #roundToQuarterDecades rounded to quarter
 * decades}.</li>
 * <li>The race: rung k trains every surviving rate from fresh weights (the job seed's, so every trial of a rate
 * repeats the same run) for {@code rungs[k]} iterations of the family's schedule sized for the intended run,
 * ranks them by the objective's validation loss (a diverged trial last; ties to the lower rate) and keeps the best
 * {@link SuccessiveHalving#survivors(int, int) ⌊n/eta⌋}. The rungs are
 * {@link SuccessiveHalving#rungs(long, int, long)} from {@link SearchSpec#firstRung()}: the last rung trains the
 * whole intended run, so the winner's loss is the one a user training at that rate with this seed gets.</li>
 * <li>Then a climb on quarter decades: the best rate's two neighbours a quarter decade either side train the whole
 * run too (unless they already did); while that moves the best rate, its untrained neighbour follows, up to
 * {@value #MAX_CLIMB_RUNS} runs in all. The best of the last rung wins. The raced rates lie half a decade apart or
 * more; near the best rate the loss of a run changes by more than a few percent from one quarter decade to the
 * next, and the best rate is often just beyond the raced span, so the last step looks closer.</li>
 * </ol>
 * Restarting a surviving rate from scratch costs more iterations than continuing it, but keeps every trial an
 * ordinary, reproducible run: a search run again with the same seed gives the same answer (an {@code lr_search}
 * job interrupted mid-race and recovered re-runs whole), and {@link #race} can take trials already measured. With the defaults (6 rates, eta 3, 1,000 iterations) the race trains 6 × 112 + 2 × 336 + 1,000
 * iterations, then 2 to 6 whole runs of the climb, plus the range test's 100: 4,444 to 8,444 iterations.
 *
 * <p>Stateless between runs and safe to share; one {@link #run} at a time per thread.
 */
public final class LrSearch {

	/** The raced span is widened to at least this ratio (two decades) around its geometric centre. */
	static final double MIN_SPAN = 100;

	/** How far below the lowest suggestion the span starts. */
	static final double BELOW = 3;

	/** How far above the highest anchor the span ends. */
	static final double ABOVE = 2;

	/** The winner's neighbours in the last rung lie a quarter decade either side. */
	static final double NEIGHBOUR = Math.pow(10, 0.25);

	/** The most whole runs the quarter-decade climb after the last rung may add. */
	static final int MAX_CLIMB_RUNS = 6;

	/**
	 * With objective {@code best} and no {@link SearchSpec#evaluateEvery()}, the validation split is measured this many
	 * times over the intended run.
	 */
	static final int EVALUATIONS = 20;

	private final ModelSpec model;

	private final OptimizerSpec optimizer;

	private final int batchSize;

	private final RangeTestOptions rangeTest;

	private final SearchSpec spec;

	private final boolean rounded;

	/**
	 * @throws dev.lrtune.core.InvalidParameterException naming the invalid field of {@code model}, {@code optimizer}
	 *         or {@code batchSize}
	 */
	public LrSearch(ModelSpec model, OptimizerSpec optimizer, int batchSize, RangeTestOptions rangeTest,
			SearchSpec spec) {
		this.model = Objects.requireNonNull(model, "model").validate();
		this.optimizer = Objects.requireNonNull(optimizer, "optimizer").validate();
		this.rangeTest = Objects.requireNonNull(rangeTest, "rangeTest");
		this.spec = Objects.requireNonNull(spec, "spec");
		this.batchSize = new TrainingSettings(batchSize, spec.iterations(), 0, 0).validate().batchSize();
		this.rounded = true;
	}

	private LrSearch(LrSearch search, boolean rounded) {
		this.model = search.model;
		this.optimizer = search.optimizer;
		this.batchSize = search.batchSize;
		this.rangeTest = search.rangeTest;
		this.spec = search.spec;
		this.rounded = rounded;
	}

	/**
	 * The most iterations the race can train (the range test aside): every rung trains its entrants for its length,
	 * the entrants of the next being the best ⌊n/eta⌋, then the climb's {@value #MAX_CLIMB_RUNS} whole runs. Diverged
	 * trials and a climb that stops early train fewer.
	 */
	public static long maxRaceIterations(SearchSpec spec) {
		long total = 0;
		int entrants = spec.rates();
		for (long length : SuccessiveHalving.rungs(spec.firstRung(), spec.eta(), spec.iterations())) {
			total += entrants * length;
			entrants = SuccessiveHalving.survivors(entrants, spec.eta());
		}
		return total + MAX_CLIMB_RUNS * spec.iterations();
	}

	/** The same search racing the rates exactly as spaced, not rounded to quarter decades (to measure what rounding does). */
	public LrSearch unrounded() {
		return new LrSearch(this, false);
	}

	/** {@link #run(SplitDataset, long, SearchListener, BooleanSupplier)} without listener or cancellation. */
	public SearchResult run(SplitDataset data, long seed) {
		return run(data, seed, SearchListener.NONE, () -> false);
	}

	/**
	 * The range test, then the race.
	 *
	 * @param data the train/validation split (the validation rows judge the rates, so there must be some)
	 * @param seed the job seed: the range test's and every trial's
	 * @param cancelled checked before every step; a cheap read such as a volatile flag
	 * @throws dev.lrtune.core.InvalidParameterException as {@link RangeTest#run} does, and naming
	 *         {@code validationFraction} when the split has no validation rows
	 */
	public SearchResult run(SplitDataset data, long seed, SearchListener listener, BooleanSupplier cancelled) {
		requireValidation(data);
		RangeTestResult test = new RangeTest(model, optimizer, batchSize, rangeTest).run(data, seed,
				listener.rangeTest(), cancelled);
		long testIterations = test.curves().stream().mapToLong(RangeTestResult.Curve::iterations).sum();
		if (test.cancelled()) {
			return new SearchResult(null, SearchResult.METHOD, null, List.of(), List.of(), testIterations, true);
		}
		return race(data, seed, test.recommendation(), testIterations, List.of(), listener, cancelled);
	}

	/**
	 * The race alone, after a range test that already ran (a search resumed after a restart, or a study).
	 *
	 * @param finder the range test's recommendation
	 * @param rangeTestIterations the steps the range test trained, counted in {@code iterationsSpent}
	 * @param known trials already measured (matched by rate and rung); they are not trained again, since the same
	 *        seed would give the same result, and count in {@code iterationsSpent} as they ran
	 */
	public SearchResult race(SplitDataset data, long seed, Recommendation finder, long rangeTestIterations,
			List<Trial> known, SearchListener listener, BooleanSupplier cancelled) {
		requireValidation(data);
		Objects.requireNonNull(finder, "finder");
		double[] spaced = rates(finder, spec.rates(), rangeTest);
		List<Double> rates = new ArrayList<>(DoubleStream.of(rounded ? roundToQuarterDecades(spaced) : spaced).boxed()
			.toList());
		List<Long> rungs = SuccessiveHalving.rungs(spec.firstRung(), spec.eta(), spec.iterations());
		int last = rungs.size() - 1;
		List<Trial> trials = new ArrayList<>();
		List<Trial> latest = new ArrayList<>();
		rates.forEach(rate -> latest.add(null));
		long[] spent = { rangeTestIterations };
		List<Integer> alive = new ArrayList<>();
		for (int i = 0; i < rates.size(); i++) {
			alive.add(i);
		}
		Comparator<Integer> byLoss = Comparator.comparingDouble((Integer i) -> latest.get(i).rankingLoss())
			.thenComparingDouble(rates::get);
		for (int rung = 0; rung <= last; rung++) {
			for (int i : alive) {
				if (!measure(data, seed, rates, i, rung, rungs.get(rung), known, trials, latest, spent, listener,
						cancelled)) {
					return new SearchResult(null, SearchResult.METHOD, finder, evidence(latest, last), trials, spent[0],
							true);
				}
			}
			alive.sort(byLoss);
			if (rung < last) {
				alive = new ArrayList<>(alive.subList(0, SuccessiveHalving.survivors(alive.size(), spec.eta())));
			}
		}
		// hill-climb on quarter decades: the winner's neighbours train the whole run too, until both of the winner's
		// neighbours have (or the climb has used its runs)
		int climbs = 0;
		boolean moved = true;
		while (moved && Double.isFinite(latest.get(alive.get(0)).rankingLoss()) && climbs < MAX_CLIMB_RUNS) {
			double winner = rates.get(alive.get(0));
			moved = false;
			for (double neighbour : new double[] { winner * NEIGHBOUR, winner / NEIGHBOUR }) {
				double rate = rounded ? roundToQuarterDecades(new double[] { neighbour })[0] : neighbour;
				int i = indexOf(rates, rate);
				if (i == rates.size()) {
					rates.add(rate);
					latest.add(null);
				}
				if ((latest.get(i) == null || latest.get(i).rung() < last) && climbs < MAX_CLIMB_RUNS) {
					if (!measure(data, seed, rates, i, last, spec.iterations(), known, trials, latest, spent, listener,
							cancelled)) {
						return new SearchResult(null, SearchResult.METHOD, finder, evidence(latest, last), trials,
								spent[0], true);
					}
					climbs++;
					alive.add(i);
					moved = true;
				}
			}
			alive.sort(byLoss);
			moved &= rates.get(alive.get(0)) != winner;
		}
		Trial best = latest.get(alive.get(0));
		Double lr = Double.isFinite(best.rankingLoss()) ? best.lr() : null;
		return new SearchResult(lr, SearchResult.METHOD, finder, evidence(latest, last), trials, spent[0], false);
	}

	/** Trains (or finds among {@code known}) rate i at a rung; false when cancelled. */
	private boolean measure(SplitDataset data, long seed, List<Double> rates, int i, int rung, long iterations,
			List<Trial> known, List<Trial> trials, List<Trial> latest, long[] spent, SearchListener listener,
			BooleanSupplier cancelled) {
		if (cancelled.getAsBoolean()) {
			return false;
		}
		double rate = rates.get(i);
		Trial trial = find(known, rate, rung);
		if (trial == null) {
			trial = train(data, seed, rate, rung, iterations, listener.trial(rate, rung), cancelled);
			if (trial == null) {
				return false;
			}
		}
		listener.onTrial(trial);
		trials.add(trial);
		latest.set(i, trial);
		spent[0] += trial.iterations();
		return true;
	}

	/** The index of {@code rate} in {@code rates} (within rounding), else {@code rates.size()}. */
	private static int indexOf(List<Double> rates, double rate) {
		for (int i = 0; i < rates.size(); i++) {
			if (Math.abs(Math.log10(rates.get(i) / rate)) < 1e-9) {
				return i;
			}
		}
		return rates.size();
	}

	/**
	 * The rates to race: {@code count} values evenly spaced in log(lr) from the lower of the {@code minimum} and
	 * {@code valley} suggestions divided by {@value #BELOW} to {@value #ABOVE} × the minimum-loss lr, widened to at
	 * least two decades around its geometric centre. The range test's fast-growing rate puts the best constant rate
	 * of a long run somewhere between its suggestions, and which suggestion is closest varies from problem to
	 * problem; the race measures instead of guessing. {@code steepest} is left out: on a noisy start it lands
	 * decades below the rest and would spread the few raced rates too thin. When the curve defines no
	 * {@code minimum} (flat, or its minimum is its first point) the whole tested range is raced.
	 */
	public static double[] rates(Recommendation finder, int count, RangeTestOptions options) {
		Recommendation.Suggestions s = finder.suggestions();
		double[] suggested = DoubleStream.of(nanIfNull(s.minimum()), nanIfNull(s.valley())).filter(Double::isFinite)
			.toArray();
		double low;
		double high;
		if (suggested.length == 0 || s.minimum() == null) {
			low = options.startLr();
			high = options.endLr();
		}
		else {
			low = DoubleStream.of(suggested).min().orElseThrow() / BELOW;
			high = Math.max(DoubleStream.of(suggested).max().orElseThrow(), finder.minLossLr()) * ABOVE;
		}
		if (high / low < MIN_SPAN) {
			double centre = Math.sqrt(low * high);
			low = centre / Math.sqrt(MIN_SPAN);
			high = centre * Math.sqrt(MIN_SPAN);
		}
		double[] rates = new double[count];
		double step = Math.log(high / low) / (count - 1);
		for (int i = 0; i < count; i++) {
			rates[i] = low * Math.exp(step * i);
		}
		return rates;
	}

	/**
	 * Each rate rounded in log10 to the nearest quarter decade (1, 1.78, 3.16, 5.62 × 10^k), duplicates dropped:
	 * the values people write by hand and grids use, so a raced rate's full-length trial is the very run a user or
	 * a grid would make at that rate.
	 */
	public static double[] roundToQuarterDecades(double[] rates) {
		return DoubleStream.of(rates).map(r -> Math.pow(10, Math.round(4 * Math.log10(r)) / 4.0)).distinct().toArray();
	}

	private Trial train(SplitDataset data, long seed, double lr, int rung, long iterations, TrainingListener listener,
			BooleanSupplier cancelled) {
		Model network = Models.create(model, data.train().task(), data.train().cols(), seed);
		BestValidation best = new BestValidation(listener);
		TrainingResult result = new Trainer(network, Optimizers.create(optimizer, network.parameterCount()),
				spec.family().schedule(lr, spec.iterations()),
				new TrainingSettings(batchSize, iterations, spec.measuredEvery(), seed))
			.run(data, best, cancelled);
		if (result.status() == TrainingStatus.STOPPED) {
			return null;
		}
		boolean diverged = result.status() == TrainingStatus.DIVERGED || !Double.isFinite(result.validationLoss());
		if (diverged) {
			return Trial.diverged(lr, rung, result.iterations());
		}
		long end = result.iterations() - 1;
		if (spec.objective() == Objective.BEST) {
			return new Trial(lr, rung, result.iterations(), best.loss, best.iteration, false, result.validationLoss(),
					best.loss, best.iteration);
		}
		return new Trial(lr, rung, result.iterations(), result.validationLoss(), end, false, result.validationLoss(),
				best.loss, best.iteration);
	}

	/** Each rate's latest trial in increasing order of rate; pruned when it stopped before the last rung. */
	private static List<Evidence> evidence(List<Trial> latest, int last) {
		return latest.stream()
			.filter(Objects::nonNull)
			.sorted(Comparator.comparingDouble(Trial::lr))
			.map(trial -> Evidence.of(trial, trial.rung() < last))
			.toList();
	}

	private static Trial find(List<Trial> known, double lr, int rung) {
		for (Trial trial : known) {
			if (trial.rung() == rung && Double.compare(trial.lr(), lr) == 0) {
				return trial;
			}
		}
		return null;
	}

	private static void requireValidation(SplitDataset data) {
		if (data.validation().rows() == 0) {
			throw new dev.lrtune.core.InvalidParameterException("validationFraction",
					"a learning-rate search judges rates on the validation split, which is empty");
		}
	}

	private static double nanIfNull(Double value) {
		return value == null ? Double.NaN : value;
	}

	/** Keeps the lowest validation loss and where, and passes every report on. */
	private static final class BestValidation implements TrainingListener {

		private final TrainingListener next;

		double loss = Double.POSITIVE_INFINITY;

		long iteration = -1;

		BestValidation(TrainingListener next) {
			this.next = next;
		}

		@Override
		public void onIteration(long k, double lr, double momentum, double trainingLoss) {
			next.onIteration(k, lr, momentum, trainingLoss);
		}

		@Override
		public void onValidation(long k, double validationLoss, double accuracy) {
			if (validationLoss < loss) {
				loss = validationLoss;
				iteration = k;
			}
			next.onValidation(k, validationLoss, accuracy);
		}

		@Override
		public boolean stopRequested() {
			return next.stopRequested();
		}

	}

}
