package dev.lrtune.core.schedule;

import java.util.Objects;

/**
 * {@code cyclic} (PyTorch {@code CyclicLR}): the rate climbs linearly from {@code baseLr} to {@code maxLr} over
 * {@code stepSizeUp} steps, falls back over {@code stepSizeDown} steps, and repeats. The amplitude stays full
 * ({@code triangular}), halves every cycle ({@code triangular2}), or shrinks by {@code gamma^k} ({@code exp_range}).
 *
 * <p>With {@code cycleMomentum} the momentum moves the other way, from {@code maxMomentum} down to
 * {@code baseMomentum} and back. Unlike PyTorch, momentum cycling is off by default: it overrides the optimizer's
 * momentum, so it is asked for.
 *
 * <p>Computed with PyTorch's floating-point expressions, so the values agree with {@code CyclicLR} to the last bit.
 *
 * <p>See: Smith LN. "Cyclical Learning Rates for Training Neural Networks", arXiv:1506.01186, 2015 (WACV 2017).
 */
public final class CyclicSchedule implements Schedule {

	/** How the amplitude of each cycle is scaled. */
	public enum Mode {

		TRIANGULAR, TRIANGULAR2, EXP_RANGE

	}

	private final double baseLr;

	private final double maxLr;

	private final double totalSize;

	private final double stepRatio;

	private final Mode mode;

	private final double gamma;

	private final boolean cycleMomentum;

	private final double baseMomentum;

	private final double maxMomentum;

	public CyclicSchedule(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, Mode mode, double gamma,
			boolean cycleMomentum, double baseMomentum, double maxMomentum) {
		this.baseLr = Check.nonNegative("baseLr", baseLr);
		this.maxLr = Check.notBelow("maxLr", Check.nonNegative("maxLr", maxLr), "baseLr", baseLr);
		Check.atLeast("stepSizeUp", stepSizeUp, 1);
		Check.atLeast("stepSizeDown", stepSizeDown, 1);
		this.totalSize = (double) stepSizeUp + stepSizeDown;
		this.stepRatio = stepSizeUp / totalSize;
		this.mode = Objects.requireNonNull(mode, "mode");
		this.gamma = Check.between("gamma", Check.positive("gamma", gamma), 0, 1);
		this.cycleMomentum = cycleMomentum;
		this.baseMomentum = Check.between("baseMomentum", baseMomentum, 0, 1);
		this.maxMomentum = Check.notBelow("maxMomentum", Check.between("maxMomentum", maxMomentum, 0, 1),
				"baseMomentum", baseMomentum);
	}

	@Override
	public double lr(long step) {
		double baseHeight = (maxLr - baseLr) * scaleFactor(step);
		return baseLr + baseHeight * amplitude(step);
	}

	@Override
	public double momentum(long step) {
		if (!cycleMomentum) {
			return Double.NaN;
		}
		double baseHeight = (maxMomentum - baseMomentum) * scaleFactor(step);
		return maxMomentum - baseHeight * amplitude(step);
	}

	@Override
	public boolean cyclesMomentum() {
		return cycleMomentum;
	}

	/** Where {@code step} sits in its cycle: 0 at the bottom, 1 at the peak. */
	private double scaleFactor(long step) {
		double x = 1.0 + step / totalSize - cycle(step);
		return x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
	}

	/** The 1-based cycle {@code step} is in. */
	private double cycle(long step) {
		return Math.floor(1 + step / totalSize);
	}

	private double amplitude(long step) {
		return switch (mode) {
			case TRIANGULAR -> 1.0;
			case TRIANGULAR2 -> 1 / StrictMath.pow(2.0, cycle(step) - 1);
			case EXP_RANGE -> StrictMath.pow(gamma, step);
		};
	}

}
