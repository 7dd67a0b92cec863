package dev.lrtune.curve;

import java.util.ArrayList;
import java.util.List;

import dev.lrtune.core.train.TrainingListener;

/**
 * Records a run's curve on the training thread without a database round trip per iteration: points go
 * into primitive arrays of {@link CurveChunk#SIZE}, and at most once per flush interval (or when
 * {@code maxBufferedPoints} wait) the recorder hands everything new to its {@link Sink} in one batch.
 *
 * <p>The flush is synchronous on the training thread, on purpose: it is one transaction per second (a few
 * milliseconds against a second of training), it needs no second thread per job on a small machine, and
 * the answer of the sink (stop: cancelled or the lease is lost) takes effect before the next iteration.
 * The clock is read only every 64 iterations so that the loop stays allocation- and syscall-free.
 */
public final class CurveBatchRecorder implements TrainingListener {

	/** Where batches go; implemented by the job runner as one transaction that also renews the lease. */
	@FunctionalInterface
	public interface Sink {

		/** Stores the batch; {@code false} asks the run to stop (cancelled, or the lease was lost). */
		boolean flush(CurveBatch batch);

	}

	private final Sink sink;

	private final boolean recordsMomentum;

	private final long flushIntervalNanos;

	private final int maxBufferedPoints;

	private final List<CurveChunk> completed = new ArrayList<>();

	private final List<ValidationPoint> validations = new ArrayList<>();

	private double[] lr = new double[CurveChunk.SIZE];

	private double[] loss = new double[CurveChunk.SIZE];

	private double[] momentum;

	private long chunkStart;

	private int filled;

	private long lastIteration = -1;

	private long nextFlush;

	private volatile boolean stop;

	/**
	 * @param recordsMomentum whether the schedule cycles momentum (then it is recorded beside the rate)
	 */
	public CurveBatchRecorder(Sink sink, boolean recordsMomentum, CurveSettings settings) {
		this.sink = sink;
		this.recordsMomentum = recordsMomentum;
		this.momentum = recordsMomentum ? new double[CurveChunk.SIZE] : null;
		this.flushIntervalNanos = settings.flushInterval().toNanos();
		this.maxBufferedPoints = settings.maxBufferedPoints();
		this.nextFlush = System.nanoTime() + flushIntervalNanos;
	}

	@Override
	public void onIteration(long iteration, double lr, double momentum, double loss) {
		this.lr[filled] = lr;
		this.loss[filled] = loss;
		if (recordsMomentum) {
			this.momentum[filled] = momentum;
		}
		filled++;
		lastIteration = iteration;
		if (filled == CurveChunk.SIZE) {
			completed.add(new CurveChunk(chunkStart, filled, this.lr, this.loss, this.momentum));
			this.lr = new double[CurveChunk.SIZE];
			this.loss = new double[CurveChunk.SIZE];
			this.momentum = recordsMomentum ? new double[CurveChunk.SIZE] : null;
			chunkStart += CurveChunk.SIZE;
			filled = 0;
		}
		if ((iteration & 63) == 0 || filled == 0) {
			flushIfDue();
		}
	}

	@Override
	public void onValidation(long iteration, double loss, double accuracy) {
		validations.add(new ValidationPoint(iteration, loss, accuracy));
	}

	@Override
	public boolean stopRequested() {
		return stop;
	}

	/** The last iteration recorded, −1 before the first. */
	public long lastIteration() {
		return lastIteration;
	}

	/**
	 * Everything recorded since the last flush, as a batch, and forgets it: for the final write, which the
	 * caller makes in the same transaction as the job's outcome.
	 */
	public CurveBatch drain() {
		List<CurveChunk> chunks = new ArrayList<>(completed);
		if (filled > 0) {
			chunks.add(new CurveChunk(chunkStart, filled, lr, loss, momentum));
		}
		CurveBatch batch = new CurveBatch(List.copyOf(chunks), List.copyOf(validations), lastIteration);
		completed.clear();
		validations.clear();
		return batch;
	}

	private void flushIfDue() {
		long now = System.nanoTime();
		if (now - nextFlush >= 0 || (long) completed.size() * CurveChunk.SIZE >= maxBufferedPoints) {
			if (!sink.flush(drain())) {
				stop = true;
			}
			nextFlush = System.nanoTime() + flushIntervalNanos;
		}
	}

}
