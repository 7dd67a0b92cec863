package dev.lrtune.curve;

import java.util.Arrays;

/**
 * Points picked from a curve, not necessarily consecutive.
 *
 * @param momentum {@code null} when the schedule did not cycle momentum
 */
record CurvePoints(long[] iteration, double[] lr, double[] loss, double[] momentum) {

	int size() {
		return iteration.length;
	}

	/** The points of {@code raw} at {@code picked} (increasing indices into it). */
	static CurvePoints of(RawCurve raw, int[] picked) {
		Builder points = new Builder(picked.length);
		for (int i : picked) {
			points.add(raw.firstIteration() + i, raw.lr()[i], raw.loss()[i],
					raw.momentum() == null ? Double.NaN : raw.momentum()[i]);
		}
		return points.build(raw.momentum() != null);
	}

	static final class Builder {

		private long[] iteration;

		private double[] lr;

		private double[] loss;

		private double[] momentum;

		private int size;

		Builder(int capacity) {
			iteration = new long[Math.max(1, capacity)];
			lr = new double[iteration.length];
			loss = new double[iteration.length];
			momentum = new double[iteration.length];
		}

		void add(long at, double lrAt, double lossAt, double momentumAt) {
			if (size == iteration.length) {
				int grown = 2 * size;
				iteration = Arrays.copyOf(iteration, grown);
				lr = Arrays.copyOf(lr, grown);
				loss = Arrays.copyOf(loss, grown);
				momentum = Arrays.copyOf(momentum, grown);
			}
			iteration[size] = at;
			lr[size] = lrAt;
			loss[size] = lossAt;
			momentum[size] = momentumAt;
			size++;
		}

		CurvePoints build(boolean withMomentum) {
			return new CurvePoints(Arrays.copyOf(iteration, size), Arrays.copyOf(lr, size), Arrays.copyOf(loss, size),
					withMomentum ? Arrays.copyOf(momentum, size) : null);
		}

	}

}
