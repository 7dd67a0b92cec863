package dev.lrtune.core.schedule;

/**
 * A schedule stepped once per epoch (PyTorch's {@code scheduler.step()} at the end of each epoch): at iteration
 * {@code k} the inner schedule sees step {@code ⌊k / iterationsPerEpoch⌋}, so the rate changes only when an epoch
 * begins. Metrics observed during an epoch reach the inner schedule under that epoch's step; a
 * {@code plateau} schedule's reduction thus takes effect at the next epoch.
 */
public final class EpochInterval implements Schedule {

	private final Schedule inner;

	private final int iterationsPerEpoch;

	public EpochInterval(Schedule inner, int iterationsPerEpoch) {
		this.inner = inner;
		this.iterationsPerEpoch = Check.iterationsPerStep(iterationsPerEpoch);
	}

	@Override
	public double lr(long step) {
		return inner.lr(step / iterationsPerEpoch);
	}

	@Override
	public double momentum(long step) {
		return inner.momentum(step / iterationsPerEpoch);
	}

	@Override
	public boolean cyclesMomentum() {
		return inner.cyclesMomentum();
	}

	@Override
	public void observe(long step, double metric) {
		inner.observe(step / iterationsPerEpoch, metric);
	}

	@Override
	public boolean isMetricDriven() {
		return inner.isMetricDriven();
	}

}
