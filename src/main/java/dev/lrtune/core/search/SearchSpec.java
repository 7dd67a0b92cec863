package dev.lrtune.core.search;

import java.util.Locale;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.schedule.ConstantSchedule;
import dev.lrtune.core.schedule.CosineSchedule;
import dev.lrtune.core.schedule.OneCycleSchedule;
import dev.lrtune.core.schedule.Schedule;

/**
 * What an {@link LrSearch} measures: the rate (or a schedule family's peak rate) that trains best over the run the
 * user intends.
 *
 * @param iterations the intended run's length: the last rung trains this many iterations, at least 1
 * @param family the schedule whose rate is raced (default {@link Family#CONSTANT})
 * @param rates how many rates race, {@value #MIN_RATES}..{@value #MAX_RATES} (default {@value #DEFAULT_RATES})
 * @param eta successive halving keeps the best 1/eta of each rung and trains them eta times longer, 2..10
 *        (default {@value #DEFAULT_ETA})
 * @param objective what ranks the rates (default {@link Objective#LAST}: where the intended run ends)
 * @param minIterations the first rung's length, 1..iterations; {@code null} for the default,
 *        {@link #defaultMinIterations()}
 * @param evaluateEvery every trial measures the validation split every this many iterations (and after its last),
 *        0 only after its last; {@code null} for the default, {@link #measuredEvery()}. A study sets its own, so that
 *        the search's whole run at the measured rate is measured as the study's trials are
 */
public record SearchSpec(long iterations, Family family, int rates, int eta, Objective objective, Long minIterations,
		Integer evaluateEvery) {

	public static final int DEFAULT_RATES = 6;

	public static final int DEFAULT_ETA = 3;

	public static final int MIN_RATES = 2;

	public static final int MAX_RATES = 20;

	/** @throws InvalidParameterException naming the first invalid field */
	public SearchSpec {
		if (iterations < 1 || iterations > Integer.MAX_VALUE) {
			throw new InvalidParameterException("iterations", "must be in 1.." + Integer.MAX_VALUE + ", was " + iterations);
		}
		if (family == null) {
			throw new InvalidParameterException("family", "is required");
		}
		if (rates < MIN_RATES || rates > MAX_RATES) {
			throw new InvalidParameterException("rates", "must be in " + MIN_RATES + ".." + MAX_RATES + ", was " + rates);
		}
		if (eta < 2 || eta > 10) {
			throw new InvalidParameterException("eta", "must be in 2..10, was " + eta);
		}
		if (objective == null) {
			throw new InvalidParameterException("objective", "is required");
		}
		if (minIterations != null && (minIterations < 1 || minIterations > iterations)) {
			throw new InvalidParameterException("minIterations",
					"must be in 1.." + iterations + " (the iterations), was " + minIterations);
		}
		if (evaluateEvery != null && evaluateEvery < 0) {
			throw new InvalidParameterException("evaluateEvery", "must be at least 0, was " + evaluateEvery);
		}
	}

	/** A spec with the default measurements. */
	public SearchSpec(long iterations, Family family, int rates, int eta, Objective objective, Long minIterations) {
		this(iterations, family, rates, eta, objective, minIterations, null);
	}

	/** A spec with the default first rung. */
	public SearchSpec(long iterations, Family family, int rates, int eta, Objective objective) {
		this(iterations, family, rates, eta, objective, null, null);
	}

	/** This spec measuring every trial's validation split every that many iterations ({@code null}: the default). */
	public SearchSpec withEvaluateEvery(Integer every) {
		return new SearchSpec(iterations, family, rates, eta, objective, minIterations, every);
	}

	/**
	 * How often a trial measures the validation split: {@code evaluateEvery}, else with objective {@code best}
	 * {@value LrSearch#EVALUATIONS} times over the intended run, with {@code last} only after its last iteration (0).
	 */
	public int measuredEvery() {
		if (evaluateEvery != null) {
			return evaluateEvery;
		}
		return objective == Objective.BEST ? (int) Math.max(1, iterations / LrSearch.EVALUATIONS) : 0;
	}

	/**
	 * The first rung's length when none is given: successive halving's own default, as studies use it
	 * ({@link SuccessiveHalving#defaultMinIterations(long, int, int)}: enough rungs that halving by {@code eta}
	 * leaves one rate for the whole run; with the defaults 6 rates train 112 iterations, 2 train 336, 1 trains
	 * 1,000). The climb that follows ({@link LrSearch}) then looks around that rate on the whole run.
	 */
	public long defaultMinIterations() {
		return SuccessiveHalving.defaultMinIterations(iterations, rates, eta);
	}

	/** The first rung's length: {@code minIterations}, or {@link #defaultMinIterations()}. */
	public long firstRung() {
		return minIterations != null ? minIterations : defaultMinIterations();
	}

	/** A constant-rate search of {@code iterations} with every other field at its default. */
	public static SearchSpec of(long iterations) {
		return new SearchSpec(iterations, Family.CONSTANT, DEFAULT_RATES, DEFAULT_ETA, Objective.LAST);
	}

	/**
	 * A spec from optional request fields: a {@code null} takes the default.
	 *
	 * @param family {@code constant}, {@code cosine} or {@code one_cycle}
	 * @param objective {@code best} or {@code last}
	 * @throws InvalidParameterException naming the first invalid field
	 */
	public static SearchSpec of(long iterations, String family, Integer rates, Integer eta, String objective) {
		return new SearchSpec(iterations, family == null ? Family.CONSTANT : Family.of(family),
				rates == null ? DEFAULT_RATES : rates, eta == null ? DEFAULT_ETA : eta,
				objective == null ? Objective.LAST : Objective.of(objective));
	}

	/** The schedule family whose (peak) rate is raced; every member is sized for the intended run. */
	public enum Family {

		/** The rate itself, all along. */
		CONSTANT,

		/** PyTorch's CosineAnnealingLR from the rate to 0 over the intended run. */
		COSINE,

		/**
		 * PyTorch's OneCycleLR with the rate as {@code max_lr} over the intended run, its defaults otherwise
		 * (30 % warm-up, cosine annealing, divFactor 25, finalDivFactor 1e4), momentum left as the optimizer has it.
		 */
		ONE_CYCLE;

		/** The member with (peak) rate {@code lr} for a run of {@code iterations}. */
		public Schedule schedule(double lr, long iterations) {
			int steps = (int) iterations;
			return switch (this) {
				case CONSTANT -> new ConstantSchedule(lr);
				case COSINE -> new CosineSchedule(lr, 0, steps);
				case ONE_CYCLE -> new OneCycleSchedule(lr, steps, 0.3, OneCycleSchedule.Anneal.COS, 25, 1e4, false, false,
						0.85, 0.95);
			};
		}

		/** The name in the JSON contract: {@code constant}, {@code cosine} or {@code one_cycle}. */
		public String jsonName() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** @throws InvalidParameterException ({@code family}) for an unknown name */
		public static Family of(String name) {
			for (Family family : values()) {
				if (family.jsonName().equalsIgnoreCase(name)) {
					return family;
				}
			}
			throw new InvalidParameterException("family", "must be constant, cosine or one_cycle, was " + name);
		}

	}

	/** What a rate is judged by. */
	public enum Objective {

		/** The lowest validation loss the run reached (and where). */
		BEST,

		/** The validation loss where the run ends. */
		LAST;

		/** The name in the JSON contract: {@code best} or {@code last}. */
		public String jsonName() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** @throws InvalidParameterException ({@code objective}) for an unknown name */
		public static Objective of(String name) {
			for (Objective objective : values()) {
				if (objective.jsonName().equalsIgnoreCase(name)) {
					return objective;
				}
			}
			throw new InvalidParameterException("objective", "must be best or last, was " + name);
		}

	}

}
