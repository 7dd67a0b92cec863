package dev.lrtune.job.run;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.RangeTestListener;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.search.LrSearch;
import dev.lrtune.core.search.SearchListener;
import dev.lrtune.core.search.SearchResult;
import dev.lrtune.core.search.SearchSpec;
import dev.lrtune.core.search.Trial;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.JobResult;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobType;
import dev.lrtune.job.SearchSummary;

/**
 * An {@code lr_search} job: the core {@link LrSearch} on the job's split. Everything it trains goes into the job's
 * curve, one part after another (the range test's points, then each trial's), as a range test's repeats do: so the
 * curve shows the whole search, progress counts every iteration trained, and the lease is renewed all along.
 * {@link SearchSummary} says where each part lies.
 */
@Component
public class LrSearchExecution implements JobExecution {

	@Override
	public JobType type() {
		return JobType.LR_SEARCH;
	}

	@Override
	public Outcome run(JobRequest request, long totalIterations, LocalRun run) {
		RangeTestOptions options;
		SearchSpec spec;
		try {
			options = request.rangeTest().toOptions();
		}
		catch (InvalidParameterException ex) {
			throw ex.under("rangeTest");
		}
		try {
			spec = request.lrSearch().toSpec();
		}
		catch (InvalidParameterException ex) {
			throw ex.under("lrSearch");
		}
		CurveBatchRecorder recorder = run.recorder(false);
		ConsecutiveParts parts = new ConsecutiveParts(recorder);
		SearchResult result = new LrSearch(request.model().toSpec(), request.optimizer().toSpec(), request.batchSize(),
				options, spec)
			.run(run.data(), request.seed(), parts, () -> run.stopRequested() || recorder.stopRequested());
		return new Outcome(result.cancelled() ? JobStatus.CANCELLED : JobStatus.SUCCEEDED, result(result, spec, parts));
	}

	/** The most iterations the race can train (see {@link LrSearch#maxRaceIterations(SearchSpec)}). */
	public static long raceIterations(SearchSpec spec) {
		return LrSearch.maxRaceIterations(spec);
	}

	private static JobResult result(SearchResult result, SearchSpec spec, ConsecutiveParts parts) {
		SearchSummary summary = new SearchSummary(result.lr(), result.method(), spec.family().jsonName(),
				spec.objective().jsonName(), result.evidence(), result.iterationsSpent(), parts.rangeTestPoints(),
				parts.trials());
		return new JobResult(result.iterationsSpent(), null, null, null, null, null, null, result.rangeTest(), null,
				summary);
	}

	/** Numbers the points of the range test and of every trial consecutively, as the curve store needs. */
	private static final class ConsecutiveParts implements SearchListener {

		private final CurveBatchRecorder recorder;

		private final List<SearchSummary.SearchTrial> trials = new ArrayList<>();

		private long next;

		private long rangeTestPoints = -1;

		private long trialStart;

		ConsecutiveParts(CurveBatchRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public RangeTestListener rangeTest() {
			return (repeat, iteration, lr, loss, smoothedLoss) -> recorder.onIteration(next++, lr, Double.NaN, loss);
		}

		@Override
		public TrainingListener trial(double lr, int rung) {
			if (rangeTestPoints < 0) {
				rangeTestPoints = next;
			}
			long offset = next;
			trialStart = offset;
			return new TrainingListener() {

				@Override
				public void onIteration(long iteration, double rate, double momentum, double loss) {
					next = offset + iteration + 1;
					recorder.onIteration(offset + iteration, rate, momentum, loss);
				}

				@Override
				public void onValidation(long iteration, double loss, double accuracy) {
					recorder.onValidation(offset + iteration, loss, accuracy);
				}

				@Override
				public boolean stopRequested() {
					return recorder.stopRequested();
				}

			};
		}

		@Override
		public void onTrial(Trial trial) {
			trials.add(SearchSummary.SearchTrial.of(trial, trialStart));
		}

		/** Points the range test recorded (all of them, when the search stopped before its first trial). */
		long rangeTestPoints() {
			return rangeTestPoints < 0 ? next : rangeTestPoints;
		}

		List<SearchSummary.SearchTrial> trials() {
			return List.copyOf(trials);
		}

	}

}
