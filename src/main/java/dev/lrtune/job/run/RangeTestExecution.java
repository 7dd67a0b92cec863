package dev.lrtune.job.run;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.rangetest.RangeTest;
import dev.lrtune.core.rangetest.RangeTestListener;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.RangeTestResult.Curve;
import dev.lrtune.core.rangetest.RangeTestResult;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.JobResult;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobType;
import dev.lrtune.job.RangeTestRun;

/**
 * A {@code range_test} job: the core {@link RangeTest} on the job's split. The repeats are stored one after
 * the other in the job's curve (repeat r starts right after repeat r−1's last point, see
 * {@link RangeTestRun#firstIteration()}), because a stored curve is always iterations 0…n−1 and a repeat
 * usually stops early at divergence. Stopping at divergence is a range test's normal end: the job
 * {@code succeeded}.
 */
@Component
class RangeTestExecution implements JobExecution {

	@Override
	public JobType type() {
		return JobType.RANGE_TEST;
	}

	@Override
	public Outcome run(JobRequest request, long totalIterations, LocalRun run) {
		long seed = request.seed();
		SplitDataset data = run.data();
		CurveBatchRecorder recorder = run.recorder(false);
		RangeTestResult result;
		try {
			result = new RangeTest(request.model().toSpec(), request.optimizer().toSpec(), request.batchSize(),
					request.rangeTest().toOptions())
				.run(data, seed, new ConsecutivePoints(recorder), () -> run.stopRequested() || recorder.stopRequested());
		}
		catch (InvalidParameterException ex) {
			throw isRangeTestField(ex) ? ex.under("rangeTest") : ex;
		}
		return new Outcome(result.cancelled() ? JobStatus.CANCELLED : JobStatus.SUCCEEDED, result(result));
	}

	private static boolean isRangeTestField(InvalidParameterException ex) {
		return RangeTestOptions.FIELDS.contains(ex.parameter());
	}

	static JobResult result(RangeTestResult result) {
		List<RangeTestRun> runs = new ArrayList<>();
		long first = 0;
		double bestLoss = Double.NaN;
		for (Curve curve : result.curves()) {
			Recommendation recommendation = curve.repeat() < result.runs().size() ? result.runs().get(curve.repeat()) : null;
			runs.add(new RangeTestRun(curve.repeat(), curve.seed(), first, curve.iterations(),
					curve.stopReason().jsonName(), recommendation));
			first += curve.iterations();
			for (double loss : curve.loss()) {
				if (Double.isFinite(loss) && (Double.isNaN(bestLoss) || loss < bestLoss)) {
					bestLoss = loss;
				}
			}
		}
		double finalLoss = lastLoss(result.curves());
		return new JobResult(first, JobResult.finiteOrNull(finalLoss), JobResult.finiteOrNull(bestLoss), null, null,
				null, null, result.recommendation(), runs, null);
	}

	private static double lastLoss(List<Curve> curves) {
		if (curves.isEmpty() || curves.get(curves.size() - 1).iterations() == 0) {
			return Double.NaN;
		}
		double[] loss = curves.get(curves.size() - 1).loss();
		return loss[loss.length - 1];
	}

	/** Numbers the points of all repeats consecutively, as the curve store needs. */
	private static final class ConsecutivePoints implements RangeTestListener {

		private final CurveBatchRecorder recorder;

		private long next;

		ConsecutivePoints(CurveBatchRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public void onStep(int repeat, int iteration, double lr, double loss, double smoothedLoss) {
			recorder.onIteration(next++, lr, Double.NaN, loss);
		}

	}

}
