package dev.lrtune.core.schedule;

/**
 * {@code cosine_restarts} (PyTorch {@code CosineAnnealingWarmRestarts}, SGDR):
 * {@code minLr + (lr − minLr)·(1 + cos(π·T_cur/T_i))/2}, where the {@code i}-th cycle lasts
 * {@code T_i = t0·tMult^i} steps and {@code T_cur} counts the steps since the last restart. With
 * {@code tMult = 2} the restarts fall on steps {@code 0, t0, 3·t0, 7·t0, …}.
 *
 * <p>{@code T_cur} and {@code T_i} are found with integer arithmetic, where PyTorch takes a floating-point
 * logarithm that can land one cycle off right at a restart.
 *
 * <p>See: Loshchilov I, Hutter F. "SGDR: Stochastic Gradient Descent with Warm Restarts", arXiv:1608.03983, 2016.
 */
public final class CosineRestartsSchedule implements Schedule {

	private final double lr;

	private final double minLr;

	private final int t0;

	private final int tMult;

	public CosineRestartsSchedule(double lr, double minLr, int t0, int tMult) {
		this.lr = Check.nonNegative("lr", lr);
		this.minLr = Check.notAbove("minLr", Check.nonNegative("minLr", minLr), "lr", lr);
		this.t0 = Check.atLeast("t0", t0, 1);
		this.tMult = Check.atLeast("tMult", tMult, 1);
	}

	@Override
	public double lr(long step) {
		long tCur = step;
		long tI = t0;
		if (tMult == 1) {
			tCur = step % t0;
		}
		else {
			while (tCur >= tI) {
				tCur -= tI;
				// saturates instead of overflowing; a cycle that long is never reached
				tI = tI > Long.MAX_VALUE / tMult ? Long.MAX_VALUE : tI * tMult;
			}
		}
		return minLr + (lr - minLr) * (1 + StrictMath.cos(Math.PI * tCur / tI)) / 2;
	}

}
