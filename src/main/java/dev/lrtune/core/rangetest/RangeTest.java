package dev.lrtune.core.rangetest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.rangetest.RangeTestOptions.LossSource;
import dev.lrtune.core.rangetest.RangeTestResult.Curve;
import dev.lrtune.core.rangetest.RangeTestResult.StopReason;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingResult;
import dev.lrtune.core.train.TrainingSettings;
import dev.lrtune.core.train.TrainingStatus;

/**
 * The learning-rate range test (Smith 2015, section 3.3; fastai's {@code lr_find}): trains from fresh
 * weights while the rate grows along an {@link LrRamp}, records the (lr, loss) of every step, stops once
 * the {@link SmoothedLoss} diverges, and analyses the curve.
 *
 * <p>Each repeat r:
 * <ol>
 * <li>builds a fresh model and optimizer; the initial weights and the minibatch order come from
 * {@link #repeatSeed(long, int) repeatSeed(seed, r)}. Repeat 0 uses the job seed itself, so a single-repeat
 * test starts exactly like a training job with that seed. All repeats train on the one split they are given
 * (made from the job seed), so repeats differ only in initialisation and minibatch order, never in data;</li>
 * <li>runs the {@link Trainer} under the ramp for {@code iterations} steps, recording each step's rate
 * and raw loss (see {@link LossSource} for what "the loss of step k" is) and reporting it to the
 * {@link RangeTestListener};</li>
 * <li>stops after the first step whose smoothed loss exceeds {@code divergenceFactor} × its minimum or is
 * not finite; that step stays on the curve, as in fastai and pytorch-lr-finder;</li>
 * <li>hands the recorded curve to {@link RangeTestAnalysis#analyze(double[], double[], AnalysisSettings)},
 * the same call {@code POST /range-tests/analyze} makes, so the same curve gets the same suggestions.</li>
 * </ol>
 * With several repeats the recommendation is {@link Recommendation#aggregate(List) their aggregate}.
 *
 * <p>A repeat that diverges before {@value RangeTestAnalysis#MIN_POINTS} finite points exist cannot be
 * analysed: the test fails with an {@link InvalidParameterException} naming {@code startLr}, which is too
 * high, instead of inventing a recommendation. Cancellation is checked before every step: a test cancelled
 * during step k records no step after k, runs no further repeat and recommends nothing.
 *
 * <p>Stateless between runs and safe to share; one {@link #run} at a time per thread.
 */
public final class RangeTest {

	/** Seeds repeats 1, 2, … (the first 64 fractional bits of √2, as in SHA-512): unrelated to the job seed's streams. */
	private static final long REPEAT_SEEDS = 0x6A09E667F3BCC908L;

	private final ModelSpec model;

	private final OptimizerSpec optimizer;

	private final int batchSize;

	private final RangeTestOptions options;

	/**
	 * @param batchSize rows per minibatch, at least 1
	 * @throws InvalidParameterException naming the invalid field of {@code model}, {@code optimizer} or
	 *         {@code batchSize}
	 */
	public RangeTest(ModelSpec model, OptimizerSpec optimizer, int batchSize, RangeTestOptions options) {
		this.model = Objects.requireNonNull(model, "model").validate();
		this.optimizer = Objects.requireNonNull(optimizer, "optimizer").validate();
		this.options = Objects.requireNonNull(options, "options");
		this.batchSize = new TrainingSettings(batchSize, options.iterations(), 0, 0).validate().batchSize();
	}

	/**
	 * The seed of repeat {@code repeat}: the job seed for repeat 0; for repeat r &gt; 0 the r-th
	 * {@code nextLong()} of a {@link SplittableRandom} seeded with {@code seed ^ 0x6A09E667F3BCC908}, so
	 * repeats of one job never reuse another job seed's streams by construction.
	 */
	public static long repeatSeed(long seed, int repeat) {
		if (repeat < 0) {
			throw new IllegalArgumentException("repeat must be >= 0, was " + repeat);
		}
		SplittableRandom seeds = new SplittableRandom(seed ^ REPEAT_SEEDS);
		long repeatSeed = seed;
		for (int r = 0; r < repeat; r++) {
			repeatSeed = seeds.nextLong();
		}
		return repeatSeed;
	}

	/** {@link #run(SplitDataset, long, RangeTestListener, BooleanSupplier)} without listener or cancellation. */
	public RangeTestResult run(SplitDataset data, long seed) {
		return run(data, seed, RangeTestListener.NONE, () -> false);
	}

	/**
	 * Runs every repeat and analyses the curves.
	 *
	 * @param data the train/validation split, made from the job seed
	 * @param seed the job seed
	 * @param cancelled checked before every step; it should be a cheap read such as a volatile flag
	 * @throws InvalidParameterException naming {@code lossSource} when it is {@code validation} and the
	 *         split has no validation rows, {@code type}/{@code hidden} when the model does not fit the data,
	 *         and {@code startLr} when a repeat diverged too early to be analysed
	 */
	public RangeTestResult run(SplitDataset data, long seed, RangeTestListener listener, BooleanSupplier cancelled) {
		Objects.requireNonNull(listener, "listener");
		Objects.requireNonNull(cancelled, "cancelled");
		if (options.lossSource() == LossSource.VALIDATION && data.validation().rows() == 0) {
			throw new InvalidParameterException("lossSource",
					"validation needs a validation split, but the dataset has no validation rows");
		}
		List<Curve> curves = new ArrayList<>();
		List<Recommendation> runs = new ArrayList<>();
		for (int repeat = 0; repeat < options.repeats(); repeat++) {
			Curve curve = runRepeat(data, repeat, repeatSeed(seed, repeat), listener, cancelled);
			curves.add(curve);
			if (curve.stopReason() == StopReason.CANCELLED) {
				return new RangeTestResult(null, List.of(), curves);
			}
			runs.add(analyze(curve));
		}
		return new RangeTestResult(Recommendation.aggregate(runs), runs, curves);
	}

	private Curve runRepeat(SplitDataset data, int repeat, long seed, RangeTestListener listener,
			BooleanSupplier cancelled) {
		Model network = Models.create(model, data.train().task(), data.train().cols(), seed);
		CurveRecorder recorder = new CurveRecorder(repeat, options, listener);
		int evaluateEvery = options.lossSource() == LossSource.VALIDATION ? 1 : 0;
		TrainingSettings settings = new TrainingSettings(batchSize, options.iterations(), evaluateEvery, seed);
		TrainingResult result = new Trainer(network, Optimizers.create(optimizer, network.parameterCount()),
				options.ramp(), settings).run(data, recorder, cancelled);
		return recorder.curve(seed, stopReason(result, recorder));
	}

	private static StopReason stopReason(TrainingResult result, CurveRecorder recorder) {
		if (recorder.diverged() || result.status() == TrainingStatus.DIVERGED) {
			return StopReason.DIVERGED;
		}
		// the recorder asks to stop only on divergence, so any other stop is the cancellation
		return result.status() == TrainingStatus.STOPPED ? StopReason.CANCELLED : StopReason.COMPLETED;
	}

	private Recommendation analyze(Curve curve) {
		int finite = curve.finitePoints();
		if (finite < RangeTestAnalysis.MIN_POINTS) {
			throw new InvalidParameterException("startLr", "repeat " + curve.repeat() + " diverged after "
					+ curve.iterations() + " steps (last lr " + curve.lr()[curve.iterations() - 1] + ") with " + finite
					+ " finite loss values, but the analysis needs at least " + RangeTestAnalysis.MIN_POINTS
					+ "; lower startLr (was " + options.startLr() + ")");
		}
		return RangeTestAnalysis.analyze(curve.lr(), curve.loss(), options.analysisSettings());
	}

}
