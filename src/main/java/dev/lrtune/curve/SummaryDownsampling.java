package dev.lrtune.curve;

/**
 * {@link Downsampling#minMax} over candidate points instead of every point: each block's lowest and highest
 * point from {@link ChunkSummary}, plus the range's first and last point. The buckets are those of
 * {@link Downsampling#minMax} over the whole range, and each keeps its lowest and highest candidate. A block
 * that straddles two buckets lends its extremes to the bucket they fall in, so a bucket's pick can differ
 * from an exact read by a point of a neighbouring block; the first and last points, the global minimum and
 * maximum and the first non-finite loss (the point where the run diverged) are the exact ones.
 */
final class SummaryDownsampling implements ChunkSummary.Visitor {

	private final long from;

	private final long n;

	private final int buckets;

	private final CurvePoints.Builder kept;

	private long previous = -1;

	private int bucket = -1;

	private long bucketEnd;

	private final Candidate low = new Candidate();

	private final Candidate high = new Candidate();

	private boolean diverged;

	SummaryDownsampling(long from, long to, int maxPoints) {
		this.from = from;
		this.n = to - from + 1;
		this.buckets = Math.max(0, (maxPoints - 2) / 2);
		this.kept = new CurvePoints.Builder(2 + 2 * buckets);
	}

	@Override
	public void point(long iteration, double lr, double loss, double momentum) {
		long p = iteration - from;
		if (p <= previous || p < 0 || p >= n) {
			return; // already seen (the first point is also a block's extreme), or outside the range
		}
		previous = p;
		if (p == 0 || p == n - 1) {
			closeBucket();
			kept.add(iteration, lr, loss, momentum);
			return;
		}
		if (buckets == 0) {
			return;
		}
		if (bucket < 0 || p >= bucketEnd) {
			closeBucket();
			while (bucket < 0 || p >= bucketEnd) {
				bucket++;
				bucketEnd = 1 + (n - 2) * (bucket + 1) / buckets;
			}
		}
		if (diverged) {
			return;
		}
		if (low.empty() || loss < low.loss) {
			low.set(iteration, lr, loss, momentum);
		}
		if (!Double.isFinite(loss)) {
			high.set(iteration, lr, loss, momentum);
			diverged = true;
		}
		else if (high.empty() || loss > high.loss) {
			high.set(iteration, lr, loss, momentum);
		}
	}

	private void closeBucket() {
		if (low.empty()) {
			return;
		}
		Candidate first = low.iteration <= high.iteration ? low : high;
		Candidate second = first == low ? high : low;
		first.addTo(kept);
		if (second.iteration != first.iteration) {
			second.addTo(kept);
		}
		low.clear();
		high.clear();
		diverged = false;
	}

	CurvePoints result(boolean withMomentum) {
		closeBucket();
		return kept.build(withMomentum);
	}

	private static final class Candidate {

		long iteration = -1;

		double lr;

		double loss;

		double momentum;

		boolean empty() {
			return iteration < 0;
		}

		void set(long iteration, double lr, double loss, double momentum) {
			this.iteration = iteration;
			this.lr = lr;
			this.loss = loss;
			this.momentum = momentum;
		}

		void clear() {
			iteration = -1;
		}

		void addTo(CurvePoints.Builder points) {
			points.add(iteration, lr, loss, momentum);
		}

	}

}
