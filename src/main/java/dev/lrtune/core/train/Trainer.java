package dev.lrtune.core.train;

import java.util.Objects;
import java.util.function.BooleanSupplier;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.TargetScaling;
import dev.lrtune.core.model.MetricSums;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.optim.Optimizer;
import dev.lrtune.core.schedule.Schedule;

/**
 * Trains a model with minibatch SGD: one iteration is one minibatch update.
 *
 * <p>Iteration k (from 0): check cancellation; ask the schedule for {@code lr(k)} (and {@code momentum(k)}
 * when it cycles momentum); draw the next minibatch; compute its loss and gradient; unless the loss is
 * NaN/∞, let the optimizer update the parameters; report {@code onIteration}. A non-finite loss then ends the
 * run as {@link TrainingStatus#DIVERGED} (the point is reported, the parameters keep their last finite
 * values). After every {@code evaluateEvery}-th iteration (k + 1 a multiple of it) the validation split is
 * measured, reported with {@code onValidation(k, …)} and fed to {@code schedule.observe(k, loss)}; a
 * non-finite validation loss also diverges. Finally the listener's {@link TrainingListener#stopRequested()}
 * is polled. After the last iteration (or a stop the listener requested) the validation split is measured
 * once more unless iteration k was just measured; a cancelled run skips that to return at once.
 *
 * <p>Every loss (reported, returned, observed by the schedule) is in the target's own units: the model trains on
 * the split's scaled target, and {@link dev.lrtune.core.data.TargetScaling#toTargetUnits(double)} undoes the
 * scaling.
 *
 * <p>The loop allocates nothing: batch, gradient and model workspaces are sized before the first iteration.
 * A trainer is single-use per model/optimizer/schedule state; build fresh ones for each run.
 */
public final class Trainer {

	private final Model model;

	private final Optimizer optimizer;

	private final Schedule schedule;

	private final TrainingSettings settings;

	public Trainer(Model model, Optimizer optimizer, Schedule schedule, TrainingSettings settings) {
		this.model = Objects.requireNonNull(model, "model");
		this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
		this.schedule = Objects.requireNonNull(schedule, "schedule");
		this.settings = Objects.requireNonNull(settings, "settings").validate();
	}

	/** Runs to the end (or divergence, or the listener's stop request). */
	public TrainingResult run(SplitDataset data, TrainingListener listener) {
		return run(data, listener, () -> false);
	}

	/**
	 * Runs until done, diverged, stopped by the listener or {@code cancelled} (checked before every
	 * iteration; it should be a cheap read such as a volatile flag).
	 */
	public TrainingResult run(SplitDataset data, TrainingListener listener, BooleanSupplier cancelled) {
		Dataset train = data.train();
		Dataset validation = data.validation();
		if (train.cols() != model.inputs()) {
			throw new IllegalArgumentException(
					"the model takes " + model.inputs() + " features, the dataset has " + train.cols());
		}
		Minibatches batches = new Minibatches(train, settings.batchSize(), RandomStreams.shuffle(settings.seed()));
		model.ensureCapacity(Math.max(batches.batchSize(), Math.min(validation.rows(), Model.EVALUATION_ROWS)));
		return new Run(batches, train, validation, data.targetScaling(), listener, cancelled).execute();
	}

	/** The state of one run, so that the loop reads as the steps above. */
	private final class Run {

		private final Minibatches batches;

		private final Dataset train;

		private final Dataset validation;

		private final TargetScaling targetScaling;

		private final TrainingListener listener;

		private final BooleanSupplier cancelled;

		private final double[] gradient = new double[model.parameterCount()];

		private final double[] parameters = model.parameters();

		private final boolean cyclesMomentum = schedule.cyclesMomentum();

		private final int every = settings.evaluateEvery();

		private final MetricSums sums = new MetricSums();

		private TrainingStatus status = TrainingStatus.COMPLETED;

		private long iterations;

		private double lastLoss = Double.NaN;

		private double bestLoss = Double.POSITIVE_INFINITY;

		private double validationLoss = Double.NaN;

		private double validationAccuracy = Double.NaN;

		private long lastValidated = -1;

		Run(Minibatches batches, Dataset train, Dataset validation, TargetScaling targetScaling,
				TrainingListener listener, BooleanSupplier cancelled) {
			this.batches = batches;
			this.train = train;
			this.validation = validation;
			this.targetScaling = targetScaling;
			this.listener = listener;
			this.cancelled = cancelled;
		}

		TrainingResult execute() {
			long total = settings.iterations();
			boolean wasCancelled = false;
			for (long k = 0; k < total; k++) {
				if (cancelled.getAsBoolean()) {
					wasCancelled = true;
					status = TrainingStatus.STOPPED;
					break;
				}
				if (!iterate(k)) {
					break;
				}
			}
			if (status != TrainingStatus.DIVERGED && !wasCancelled && iterations > 0 && lastValidated != iterations - 1) {
				validate(iterations - 1);
			}
			return new TrainingResult(status, iterations, lastLoss,
					bestLoss == Double.POSITIVE_INFINITY ? Double.NaN : bestLoss, validationLoss, validationAccuracy);
		}

		/**
		 * Iteration k, after the cancellation check; false when the run ends (diverged or stopped). A method of
		 * its own for the JIT: {@link #execute} is called once per run, so its loop is compiled only by on-stack
		 * replacement, after some 60,000 iterations summed over runs (HotSpot's tiered thresholds), and until
		 * then every iteration runs in the interpreter. A logistic epoch of 3,125 iterations spent 1–2 ms of its
		 * 13 ms there. Called every iteration, this method is compiled like any hot method.
		 */
		private boolean iterate(long k) {
			double lr = schedule.lr(k);
			double momentum = cyclesMomentum ? schedule.momentum(k) : Double.NaN;
			int n = batches.next();
			double loss = targetScaling.toTargetUnits(
					model.lossAndGradient(train.features(), train.targets(), batches.rows(), n, gradient));
			boolean finite = Double.isFinite(loss);
			if (finite) {
				optimizer.step(parameters, gradient, lr, momentum);
				bestLoss = Math.min(bestLoss, loss);
			}
			iterations = k + 1;
			lastLoss = loss;
			listener.onIteration(k, lr, momentum, loss);
			if (!finite) {
				status = TrainingStatus.DIVERGED;
				return false;
			}
			if (every > 0 && (k + 1) % every == 0 && !validate(k)) {
				return false;
			}
			if (listener.stopRequested()) {
				status = TrainingStatus.STOPPED;
				return false;
			}
			return true;
		}

		/** Measures, reports and observes the validation split; false (and DIVERGED) when its loss is not finite. */
		private boolean validate(long k) {
			if (validation.rows() == 0) {
				return true;
			}
			model.evaluate(validation, sums);
			validationLoss = targetScaling.toTargetUnits(sums.meanLoss());
			validationAccuracy = model.isClassifier() ? sums.accuracy() : Double.NaN;
			lastValidated = k;
			listener.onValidation(k, validationLoss, validationAccuracy);
			schedule.observe(k, validationLoss);
			if (!Double.isFinite(validationLoss)) {
				status = TrainingStatus.DIVERGED;
				return false;
			}
			return true;
		}

	}

}
