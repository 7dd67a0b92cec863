package dev.lrtune.core.train;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a run reports; can ask to stop after a given number of iterations. */
class RecordingListener implements TrainingListener {

	final List<Long> iterations = new ArrayList<>();

	final List<Double> lrs = new ArrayList<>();

	final List<Double> momenta = new ArrayList<>();

	final List<Double> losses = new ArrayList<>();

	final List<Long> validationIterations = new ArrayList<>();

	final List<Double> validationLosses = new ArrayList<>();

	final List<Double> validationAccuracies = new ArrayList<>();

	private final long stopAfter;

	RecordingListener() {
		this(Long.MAX_VALUE);
	}

	RecordingListener(long stopAfter) {
		this.stopAfter = stopAfter;
	}

	@Override
	public void onIteration(long iteration, double lr, double momentum, double loss) {
		iterations.add(iteration);
		lrs.add(lr);
		momenta.add(momentum);
		losses.add(loss);
	}

	@Override
	public void onValidation(long iteration, double loss, double accuracy) {
		validationIterations.add(iteration);
		validationLosses.add(loss);
		validationAccuracies.add(accuracy);
	}

	@Override
	public boolean stopRequested() {
		return iterations.size() >= stopAfter;
	}

}
