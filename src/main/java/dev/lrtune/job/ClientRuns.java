package dev.lrtune.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.RangeTestAnalysis;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.rangetest.SmoothedLoss;
import dev.lrtune.curve.Curves;
import dev.lrtune.curve.ValidationPoint;
import dev.lrtune.web.InvalidRequestException;
import dev.lrtune.job.store.Jobs;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.store.JobJson;
import dev.lrtune.job.store.JobMetrics;
import dev.lrtune.job.store.JobSettings;
import dev.lrtune.job.store.Runner;

/**
 * Jobs the client runs: it trains its own model and posts the points; lrtune plans the rates, stores the curve in the
 * same store as its own jobs, decides when to stop (the range test's divergence rule, a non-finite training loss, a
 * cancel, the last iteration) and analyses the result.
 *
 * <p>All state is in the database, so any instance takes any post: each post, finish and lease check locks the job's
 * row ({@code SELECT … FOR UPDATE}), so that concurrent posts to one job, on any instances, apply one after the other.
 * Every post renews the job's lease ({@code lrtune.client-runs.lease}); a job whose lease has passed fails, keeping its
 * points, either when a post or finish finds it so or when an instance's periodic look does ({@link #expireLeases()}).
 * Time comes from the injected {@link Clock}.
 */
@Service
class ClientRuns {

	private static final Logger log = LoggerFactory.getLogger(ClientRuns.class);

	private static final String DIVERGED = "diverged";

	private static final String PRUNED = "pruned";

	private final Jobs jobs;

	private final ClientRunRows rows;

	private final Curves curves;

	private final JobJson json;

	private final JobManagement management;

	private final ClientRunSettings settings;

	private final JobSettings jobSettings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JobMetrics metrics;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<RungJudge> rungJudge;

	ClientRuns(Jobs jobs, ClientRunRows rows, Curves curves, JobJson json, JobManagement management,
			ClientRunSettings settings, JobSettings jobSettings, TransactionTemplate transactions, Clock clock,
			JobMetrics metrics, ApplicationEventPublisher events, ObjectProvider<RungJudge> rungJudge) {
		this.jobs = jobs;
		this.rows = rows;
		this.curves = curves;
		this.json = json;
		this.management = management;
		this.settings = settings;
		this.jobSettings = jobSettings;
		this.transactions = transactions;
		this.clock = clock;
		this.metrics = metrics;
		this.events = events;
		this.rungJudge = rungJudge;
	}

	/** Creates a client-run job, running at once; the request passed Bean Validation. */
	Job create(JobRequest request) {
		return management.get(insert(request, null));
	}

	/** Creates a client-run job as a trial of a study, in the caller's transaction; the request passed Bean Validation. */
	Job createTrial(long studyId, JobRequest request) {
		return management.fresh(insert(request, studyId));
	}

	/** Refuses a request {@link #create} would refuse beyond Bean Validation, storing nothing. */
	void check(JobRequest request) {
		resolve(request);
	}

	private long insert(JobRequest request, Long studyId) {
		JobRequest resolved = resolve(request);
		long total = ClientRunPlan.of(resolved).iterations();
		Instant now = clock.instant();
		return transactions.execute(status -> {
			long next = jobs.nextId();
			rows.insertRunning(next, resolved.jobType(), json.write(resolved), total, studyId, now,
					now.plus(settings.lease()));
			management.label(next, request);
			return next;
		});
	}

	/** Stores a post of points (checked on its own already) and answers whether to stop and the next rate. */
	PointsAnswer post(long id, PostedPoints points) {
		Instant now = clock.instant();
		Step step = transactions.execute(status -> {
			JobRow job = lockRunning(id, "points are posted");
			if (leasePassed(job, now)) {
				return Step.expired(job, expire(job, now));
			}
			points.checkAgainst(job.totalIterations(), job.iteration());
			curves.writeOver(id, job.iteration(), points.first, points.lr, points.loss, points.momentum);
			curves.writeOver(id, points.validations);
			long stored = Math.max(job.iteration(), points.end());
			JobRequest jobRequest = json.read(job.request(), JobRequest.class);
			if (job.cancelRequested()) {
				end(job, JobStatus.CANCELLED, summary(job, stored, null), null, now);
				return new Step(new PointsAnswer(true, "cancelled", null, stored - 1), job, JobStatus.CANCELLED);
			}
			String stopReason = DIVERGED.equals(job.stopReason()) || diverged(jobRequest, id, stored, points) ? DIVERGED
					: null;
			rows.posted(id, stored, stopReason, now, now.plus(settings.lease()));
			String reason = stopReason != null ? stopReason : stored == job.totalIterations() ? "complete" : null;
			Double lr = stored < job.totalIterations() ? nextRate(jobRequest, id, stored) : null;
			return new Step(new PointsAnswer(reason != null, reason, lr, stored - 1), job, null);
		});
		PointsAnswer answer = step.answerOrThrow(this);
		metrics.pointsCommitted(points.lr.length + points.validations.size());
		// a trial that diverged ends diverged when it finishes, not pruned
		if (step.ended() == null && step.job().studyId() != null && !points.validations.isEmpty()
				&& !DIVERGED.equals(answer.reason())) {
			return judged(step.job(), answer);
		}
		return answer;
	}

	/**
	 * A trial of a study that posted validation points, judged at the rungs they reach: when pruned it ends
	 * ({@code succeeded}, its stop reason {@code pruned}) and the answer says so. A transaction of its own after the
	 * post's, in which the judge takes the study's lock before this takes the job's, the order a study's cancel takes
	 * them in.
	 */
	private PointsAnswer judged(JobRow trial, PointsAnswer answer) {
		RungJudge judge = rungJudge.getIfAvailable();
		if (judge == null) {
			return answer;
		}
		Step step = transactions.execute(status -> {
			if (!judge.prunes(new RungJudge.TrialReport(trial.id(), trial.studyId(), curves.validations(trial.id())))) {
				return null;
			}
			JobRow job = jobs.lock(trial.id()).filter(locked -> locked.status() == JobStatus.RUNNING).orElse(null);
			if (job == null) {
				return null;
			}
			rows.stopped(job.id(), PRUNED);
			end(job, JobStatus.SUCCEEDED, summary(job, job.iteration(), null), null, clock.instant());
			return new Step(new PointsAnswer(true, PRUNED, null, job.iteration() - 1), job, JobStatus.SUCCEEDED);
		});
		return step == null ? answer : step.answerOrThrow(this);
	}

	/**
	 * Ends a job as the client says: {@code succeeded} (a range test's curve is analysed for its recommendation; a
	 * training job with a non-finite loss ends {@code diverged}) or {@code failed} with the client's error. A job
	 * that was cancelled meanwhile ends {@code cancelled}.
	 */
	Job finish(long id, FinishRequest request) {
		JobStatus asked = askedStatus(request);
		if (wasPruned(id)) {
			return management.get(id); // the pruned answer ended it; a client that finishes anyway is not wrong
		}
		Instant now = clock.instant();
		Step step = transactions.execute(status -> {
			JobRow job = lockRunning(id, "it is finished");
			if (leasePassed(job, now)) {
				return Step.expired(job, expire(job, now));
			}
			JobStatus ended;
			if (job.cancelRequested()) {
				ended = end(job, JobStatus.CANCELLED, summary(job, job.iteration(), null), null, now);
			}
			else if (asked == JobStatus.FAILED) {
				String error = request.error() == null || request.error().isBlank() ? "The client reported a failure."
						: request.error();
				ended = end(job, JobStatus.FAILED, null, error, now);
			}
			else {
				ended = succeed(job, now);
			}
			return new Step(null, job, ended);
		});
		step.answerOrThrow(this);
		return management.get(id);
	}

	/**
	 * Fails every running client-run job whose lease has passed (a cancelled one ends cancelled), keeping its points.
	 * Safe on several instances at once: each job is locked by the one that ends it, the others skip it.
	 * @return how many jobs ended
	 */
	int expireLeases() {
		Instant now = clock.instant();
		List<Step> ended = transactions.execute(status -> {
			List<Step> steps = new ArrayList<>();
			for (long id : rows.lockExpired(now)) {
				JobRow job = jobs.find(id).orElseThrow();
				steps.add(new Step(null, job, expire(job, now)));
			}
			return steps;
		});
		ended.forEach(this::published);
		return ended.size();
	}

	private boolean wasPruned(long id) {
		return jobs.find(id).filter(job -> job.runner() == Runner.CLIENT && PRUNED.equals(job.stopReason())).isPresent();
	}

	/** The job, locked, when it is a running client-run job; any other is a 404 or a 409 naming {@code what}. */
	private JobRow lockRunning(long id, String what) {
		JobRow job = jobs.lock(id).orElseThrow(() -> JobProblems.notFound(id));
		if (job.runner() != Runner.CLIENT) {
			throw JobProblems.conflict("Job " + id + " is run by lrtune's workers; only a client-run job (runner client) "
					+ "takes points from the client or is finished by it.");
		}
		if (job.status() != JobStatus.RUNNING) {
			throw JobProblems.conflict("Job " + id + " is " + job.status().jsonName() + "; " + what + " only while it runs."
					+ (job.error() == null ? "" : " Its error: " + job.error()));
		}
		return job;
	}

	private static boolean leasePassed(JobRow job, Instant now) {
		return job.leaseUntil() != null && job.leaseUntil().isBefore(now);
	}

	private JobStatus expire(JobRow job, Instant now) {
		if (job.cancelRequested()) {
			return end(job, JobStatus.CANCELLED, summary(job, job.iteration(), null), null, now);
		}
		log.warn("Job {}: its client posted nothing since {}; the job fails", job.id(), job.progressAt());
		return end(job, JobStatus.FAILED, null, stoppedReporting(job), now);
	}

	private String stoppedReporting(JobRow job) {
		return "The client stopped reporting: nothing was posted for " + settings.lease().toString().substring(2)
			.toLowerCase(Locale.ROOT) + " (lrtune.client-runs.lease) since " + job.progressAt() + ". The "
				+ job.iteration() + " points it posted are kept.";
	}

	private JobStatus succeed(JobRow job, Instant now) {
		JobRequest request = json.read(job.request(), JobRequest.class);
		if (request.jobType() != JobType.RANGE_TEST) {
			JobResult result = summary(job, job.iteration(), null);
			boolean diverged = DIVERGED.equals(job.stopReason()) || curves.lossSummary(job.id()).anyNonFinite();
			return end(job, diverged ? JobStatus.DIVERGED : JobStatus.SUCCEEDED, result, null, now);
		}
		try {
			Recommendation recommendation = analyze(request, job.id(), job.iteration());
			return end(job, JobStatus.SUCCEEDED, summary(job, job.iteration(), recommendation), null, now);
		}
		catch (InvalidParameterException ex) {
			return end(job, JobStatus.FAILED, null, "The range test's curve cannot be analysed: " + ex.parameter() + " "
					+ ex.detail(), now);
		}
	}

	/**
	 * The analysis of a range test's stored curve, up to the step at which the divergence rule fired (that step
	 * included), as a server range test stops there: points posted after it in the same batch are kept but not
	 * analysed. The same call {@code POST /range-tests/analyze} makes.
	 */
	private Recommendation analyze(JobRequest request, long id, long stored) {
		if (stored == 0) {
			throw new InvalidParameterException("loss", "is empty: no points were posted");
		}
		RangeTestOptions options = request.rangeTest().toOptions();
		var curve = curves.read(id, 0, stored - 1);
		int end = divergedAt(curve.loss(), options) + 1;
		int length = end == 0 ? curve.loss().length : end;
		return RangeTestAnalysis.analyze(Arrays.copyOf(curve.lr(), length), Arrays.copyOf(curve.loss(), length),
				options.analysisSettings());
	}

	/** The step at which the smoothed loss first diverged (the core range test's rule), −1 when it never did. */
	private static int divergedAt(double[] loss, RangeTestOptions options) {
		SmoothedLoss smoothed = new SmoothedLoss(options.smoothing());
		for (int i = 0; i < loss.length; i++) {
			smoothed.add(loss[i]);
			if (smoothed.diverged(options.divergenceFactor())) {
				return i;
			}
		}
		return -1;
	}

	private boolean diverged(JobRequest request, long id, long stored, PostedPoints points) {
		if (request.jobType() == JobType.RANGE_TEST) {
			return stored > 0 && divergedAt(curves.read(id, 0, stored - 1).loss(), request.rangeTest().toOptions()) >= 0;
		}
		return points.anyNonFiniteLoss();
	}

	private Double nextRate(JobRequest request, long id, long next) {
		ClientRunPlan plan = ClientRunPlan.of(request);
		List<ValidationPoint> validations = plan.dependsOnValidation() ? curves.validations(id) : List.of();
		return plan.rate(next, validations);
	}

	/** What a run's stored curve amounts to; for a range test, with its recommendation. */
	private JobResult summary(JobRow job, long stored, Recommendation recommendation) {
		Curves.LossSummary losses = curves.lossSummary(job.id());
		List<ValidationPoint> validations = curves.validations(job.id());
		ValidationPoint validation = validations.isEmpty() ? null : validations.get(validations.size() - 1);
		ValidationPoint best = validations.stream().filter(point -> Double.isFinite(point.loss()))
				.min(Comparator.comparingDouble(ValidationPoint::loss)).orElse(null);
		return new JobResult(stored, JobResult.finiteOrNull(losses.last()), JobResult.finiteOrNull(losses.best()),
				validation == null ? null : JobResult.finiteOrNull(validation.loss()),
				validation == null ? null : JobResult.finiteOrNull(validation.accuracy()),
				best == null ? null : best.loss(), best == null ? null : best.iteration(), recommendation, null, null);
	}

	private JobStatus end(JobRow job, JobStatus status, JobResult result, String error, Instant now) {
		rows.end(job.id(), status, json.write(result), error, now);
		return status;
	}

	/** After the transaction that ended a job: metrics and the event a study listens for. */
	private void published(Step step) {
		if (step.ended() != null) {
			metrics.finished(step.job(), step.ended(), clock.instant());
			events.publishEvent(new JobFinished(step.job().id(), step.ended().jsonName(), step.job().studyId()));
		}
	}

	private static JobStatus askedStatus(FinishRequest request) {
		String status = request == null || request.status() == null ? "succeeded" : request.status();
		if (status.equals("succeeded")) {
			if (request != null && request.error() != null) {
				throw new InvalidRequestException("error", "goes with status failed only");
			}
			return JobStatus.SUCCEEDED;
		}
		if (status.equals("failed")) {
			return JobStatus.FAILED;
		}
		throw new InvalidRequestException("status", "must be succeeded or failed, got '" + status + "'");
	}

	private JobRequest resolve(JobRequest request) {
		RangeTestRequest rangeTest = null;
		TrainingRequest training = null;
		if (request.jobType() == JobType.RANGE_TEST) {
			RangeTestRequest given = (request.rangeTest() == null ? RangeTestRequest.DEFAULTS : request.rangeTest())
				.resolved();
			// its ramp needs no check here: Bean Validation refused any block that breaks RangeTestOptions.violations
			rangeTest = new RangeTestRequest(given.startLr(), given.endLr(), given.iterations(), given.mode(),
					given.smoothing(), given.divergenceFactor(), null, null);
		}
		else {
			training = request.training();
			if (training.iterations() > jobSettings.maxIterations()) {
				throw new InvalidRequestException("training.iterations", "must be at most " + jobSettings.maxIterations()
						+ " (lrtune.jobs.max-iterations), got " + training.iterations());
			}
			try {
				training.schedule().toSchedule(1);
			}
			catch (InvalidParameterException ex) {
				throw ex.under("training.schedule");
			}
		}
		return new JobRequest(request.type(), null, null, null, null, null, null, null, rangeTest, training, null,
				Runner.CLIENT.jsonName(), null, null, null);
	}

	/**
	 * What a transaction on a client-run job came to: an answer to give, and the job if it ended.
	 *
	 * @param job the job as locked (before this step)
	 * @param ended the status it ended with; {@code null} while it runs
	 * @param expired whether its lease had passed, so that it ended instead of taking the step
	 */
	private record Step(PointsAnswer answer, JobRow job, JobStatus ended, boolean expired) {

		Step(PointsAnswer answer, JobRow job, JobStatus ended) {
			this(answer, job, ended, false);
		}

		static Step expired(JobRow job, JobStatus ended) {
			return new Step(null, job, ended, true);
		}

		/** Once the transaction has committed: the answer, or the 409 of a job whose lease had passed. */
		PointsAnswer answerOrThrow(ClientRuns runs) {
			runs.published(this);
			if (expired) {
				throw JobProblems.conflict("Job " + job.id() + " has ended " + ended.jsonName() + ": its client posted "
						+ "nothing for longer than its lease (lrtune.client-runs.lease), so it takes no more points.");
			}
			return answer;
		}

	}

}
