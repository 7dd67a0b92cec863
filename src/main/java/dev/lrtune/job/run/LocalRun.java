package dev.lrtune.job.run;

import java.time.Instant;
import java.util.function.BooleanSupplier;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.curve.CurveBatch;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.job.queue.Lease;

/**
 * A job this instance is running: its lease, its split dataset, its recorder, and why it should stop (a cancel,
 * a lost lease, a shutdown). The flags are written by other threads (API, heartbeat, shutdown) and read by
 * the training thread before every iteration.
 */
public final class LocalRun {

	/** Where a run's curve batches go (the runner's lease-checked write), told which run flushes. */
	@FunctionalInterface
	interface Flush {

		/** Stores the batch; {@code false} asks the run to stop (cancelled, or the lease was lost). */
		boolean flush(LocalRun run, CurveBatch batch);

	}

	private final Lease lease;

	private final SplitDataset data;

	private final Flush flush;

	private final CurveSettings curveSettings;

	private CurveBatchRecorder recorder;

	private volatile boolean cancelled;

	private volatile boolean lost;

	private volatile boolean releasing;

	private volatile Instant leaseUntil;

	/** Points of the curve stored so far (the training thread's own). */
	private long storedPoints;

	LocalRun(Lease lease, Instant leaseUntil, SplitDataset data, Flush flush, CurveSettings curveSettings) {
		this.lease = lease;
		this.leaseUntil = leaseUntil;
		this.data = data;
		this.flush = flush;
		this.curveSettings = curveSettings;
	}

	public Lease lease() {
		return lease;
	}

	/** Until when the lease holds, as of its last renewal that this instance saw committed. */
	Instant leaseUntil() {
		return leaseUntil;
	}

	public void leaseRenewed(Instant until) {
		leaseUntil = until;
	}

	/** A flush of {@code batch} committed. */
	void stored(CurveBatch batch) {
		storedPoints = batch.lastIteration() + 1;
	}

	/** Whether {@code batch} starts after every point stored (no flush stored part of its first chunk). */
	boolean follows(CurveBatch batch) {
		return batch.chunks().isEmpty() || batch.chunks().get(0).firstIteration() >= storedPoints;
	}

	/** The job's training and validation rows (shared with other jobs: read only). */
	SplitDataset data() {
		return data;
	}

	/** The recorder of this run's curve, created once the execution knows whether momentum is cycled. */
	synchronized CurveBatchRecorder recorder(boolean cyclesMomentum) {
		if (recorder == null) {
			recorder = new CurveBatchRecorder(batch -> flush.flush(this, batch), cyclesMomentum, curveSettings);
		}
		return recorder;
	}

	synchronized CurveBatchRecorder recorder() {
		return recorder;
	}

	/** For the trainer: checked before every iteration. */
	BooleanSupplier stopSignal() {
		return this::stopRequested;
	}

	boolean stopRequested() {
		return cancelled || lost || releasing;
	}

	public void cancel() {
		cancelled = true;
	}

	boolean cancelled() {
		return cancelled;
	}

	public void loseLease() {
		lost = true;
	}

	boolean lost() {
		return lost;
	}

	public void release() {
		releasing = true;
	}

	boolean releasing() {
		return releasing;
	}

}
