package dev.lrtune.core.schedule;

/**
 * {@code cosine} (PyTorch {@code CosineAnnealingLR}, closed form):
 * {@code minLr + (lr − minLr)·(1 + cos(π·k/tMax))/2} at every step. Past {@code tMax} the closed form keeps
 * following the cosine, back up towards {@code lr} by {@code 2·tMax}, exactly as PyTorch's closed form does.
 *
 * <p>See: Loshchilov I, Hutter F. "SGDR: Stochastic Gradient Descent with Warm Restarts", arXiv:1608.03983, 2016.
 */
public final class CosineSchedule implements Schedule {

	private final double lr;

	private final double minLr;

	private final int tMax;

	public CosineSchedule(double lr, double minLr, int tMax) {
		this.lr = Check.nonNegative("lr", lr);
		this.minLr = Check.notAbove("minLr", Check.nonNegative("minLr", minLr), "lr", lr);
		this.tMax = Check.atLeast("tMax", tMax, 1);
	}

	@Override
	public double lr(long step) {
		return minLr + (lr - minLr) * (1 + StrictMath.cos(Math.PI * step / tMax)) / 2;
	}

}
