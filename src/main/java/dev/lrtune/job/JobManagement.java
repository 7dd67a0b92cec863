package dev.lrtune.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.train.TrainingSettings;
import dev.lrtune.curve.CurveCache;
import dev.lrtune.curve.CurveOwners;
import dev.lrtune.job.queue.QueueSettings;
import dev.lrtune.job.queue.Workers;
import dev.lrtune.job.run.JobDatasets;
import dev.lrtune.job.run.JobRunner;
import dev.lrtune.job.run.LrSearchExecution;
import dev.lrtune.web.InvalidRequestException;
import dev.lrtune.web.Pages;
import dev.lrtune.job.store.Jobs;
import dev.lrtune.job.store.JobJson;
import dev.lrtune.job.store.JobSettings;
import dev.lrtune.job.store.Runner;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.store.JobFilter;

/**
 * Submitting, reading, cancelling and deleting jobs. A submission resolves every default (the seed
 * included), checks the request against its dataset and the limits, stores it as a queued row and wakes a
 * local worker once that row is committed.
 */
@Service
public class JobManagement implements CurveOwners {

	/** The longest {@code params} a job keeps, as JSON text. */
	static final int MAX_PARAMS_LENGTH = 65_536;

	private final Jobs jobs;

	private final JobJson json;

	private final JobDatasets datasets;

	private final JobRunner runner;

	private final Workers workers;

	private final JobSettings settings;

	private final QueueSettings queueSettings;

	private final JobViews views;

	private final CurveCache curveCache;

	private final TransactionTemplate transactions;

	private final Clock clock;

	JobManagement(Jobs jobs, JobJson json, JobDatasets datasets, JobRunner runner, Workers workers,
			JobSettings settings, QueueSettings queueSettings, JobViews views, CurveCache curveCache,
			TransactionTemplate transactions, Clock clock) {
		this.jobs = jobs;
		this.transactions = transactions;
		this.views = views;
		this.curveCache = curveCache;
		this.json = json;
		this.datasets = datasets;
		this.runner = runner;
		this.workers = workers;
		this.settings = settings;
		this.queueSettings = queueSettings;
		this.clock = clock;
	}

	/**
	 * Queues a job. One transaction: an uploaded dataset's row is locked while it is described (so a
	 * concurrent delete either happens first, and the reference is a 400, or waits and sees this job, a 409),
	 * and the submission lock, held until it commits, makes the queue's capacity check and the insert atomic. On
	 * PostgreSQL a job without tags on a dataset that is not locked is inserted in one statement that checks the
	 * capacity itself (see {@link Jobs#insertBelowBound}), committed on its own; only when that statement finds no room
	 * does the submission count the queue in a transaction.
	 */
	public Job submit(JobRequest request) {
		return submit(request, null);
	}

	/**
	 * Queues a job that belongs to a study (a trial or its range test), in the caller's transaction when there is
	 * one; otherwise as {@link #submit(JobRequest)}.
	 */
	public Job submit(JobRequest request, Long studyId) {
		if (jobs.postgres() && !TransactionSynchronizationManager.isActualTransactionActive()
				&& !datasets.describeLocks(request.dataset())) {
			Submission submission = prepare(request, studyId);
			if (submission.tagPairs().isEmpty() && jobs.insertBelowBound(submission.row(), queueSettings.maxQueued())) {
				workers.wakeUp(); // committed
				return view(submission.row());
			}
			return transactions.execute(status -> queue(submission));
		}
		return transactions.execute(status -> queue(prepare(request, studyId)));
	}

	/** A job checked, with every default resolved, as it would be queued now. */
	private Submission prepare(JobRequest request, Long studyId) {
		if (request.jobRunner() == Runner.CLIENT) {
			throw new IllegalArgumentException("a client-run job is created by ClientRuns, not queued");
		}
		JobType type = request.jobType();
		if (!runner.supports(type)) {
			throw JobProblems.notAvailable(type.jsonName() + " jobs cannot be run by this version yet.");
		}
		JobDatasets.Shape shape = datasets.describe(request.dataset());
		checkModelFits(request.model(), shape.task());
		JobRequest resolved = resolve(request, shape);
		long total = totalIterations(resolved, shape);
		if (total > settings.maxIterations()) {
			throw new InvalidRequestException(switch (type) {
				case TRAINING -> "training.iterations";
				case RANGE_TEST -> "rangeTest.iterations";
				case LR_SEARCH -> "lrSearch.iterations";
			},
					"the job would run " + total + " iterations, more than " + settings.maxIterations()
							+ " (lrtune.jobs.max-iterations)");
		}
		Labels labels = labels(request);
		String stored = json.write(resolved);
		long id = jobs.nextId();
		// stored as the database keeps it, so that the answer built here equals a later read
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		return new Submission(new JobRow(id, type, JobStatus.QUEUED, stored, resolved.dataset(), total, 0, 0, null, null,
				false, now, null, null, null, null, null, studyId, Runner.SERVER, request.name(), labels.tags(),
				labels.params(), null), labels.tagPairs());
	}

	/**
	 * Inserts a prepared job in the caller's transaction; everything before it ran outside the submission lock,
	 * which every submission waits for until its holder commits.
	 */
	private Job queue(Submission submission) {
		if (!jobs.insertIfRoom(submission.row(), submission.tagPairs(), queueSettings.maxQueued())) {
			throw queueFull();
		}
		wakeWorkersAfterCommit();
		return view(submission.row()); // from what was inserted, not cached: the row is not committed yet
	}

	/** @param tagPairs the job's tags, one row each in {@code job_tags} */
	private record Submission(JobRow row, Map<String, String> tagPairs) {
	}

	/** Stores the name, tags and params of the job just inserted as {@code id}, from its request. */
	void label(long id, JobRequest request) {
		Labels labels = labels(request);
		if (request.name() != null || labels.tags() != null || labels.params() != null) {
			jobs.label(id, request.name(), labels.tags(), labels.params(), labels.tagPairs());
		}
	}

	/** The request's tags and params as the job stores them (JSON, {@code null} when absent), checked. */
	private Labels labels(JobRequest request) {
		String params = json.write(request.params());
		if (params != null && params.length() > MAX_PARAMS_LENGTH) {
			throw new InvalidRequestException("params", "must be at most " + MAX_PARAMS_LENGTH
					+ " characters of JSON, got " + params.length());
		}
		Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
		return new Labels(tags.isEmpty() ? null : json.write(tags), params, tags);
	}

	/** @param tagPairs the tags again, one row each in {@code job_tags} */
	private record Labels(String tags, String params, Map<String, String> tagPairs) {
	}

	public Job get(long id) {
		return views.get(id, this::load).job();
	}

	/** The job as stored now, bypassing the view cache: for a row the caller's transaction has not committed yet. */
	Job fresh(long id) {
		return load(id);
	}

	/** The job as {@code GET /jobs/{id}} answers it, serialised. */
	byte[] json(long id) {
		return views.get(id, this::load).json();
	}

	/** The job and its JSON as {@code GET /jobs/{id}} answers it. */
	JobViews.View jobView(long id) {
		return views.get(id, this::load);
	}

	/**
	 * The job may have changed where this instance was not told (another instance ended it): its next read comes from
	 * the database rather than from the view cache.
	 */
	void forgetView(long id) {
		views.changed(id);
	}

	/** The statuses of these jobs as stored now, in one statement; a job that does not exist is absent. */
	Map<Long, JobStatus> statuses(Collection<Long> ids) {
		return jobs.statuses(ids);
	}

	private Job load(long id) {
		return view(jobs.find(id).orElseThrow(() -> JobProblems.notFound(id)));
	}

	JobPage list(String status, String type, Long studyId, int page, int size) {
		return list(status, type, studyId, null, null, List.of(), page, size);
	}

	/**
	 * A page of jobs, newest first, of one status, type, study and runner, with a name containing {@code name} and
	 * every tag of {@code tags} ({@code key:value}); each filter is optional.
	 */
	JobPage list(String status, String type, Long studyId, String runner, String name, List<String> tags, int page,
			int size) {
		JobStatus statusFilter = status == null ? null : JobStatus.of(status);
		if (status != null && statusFilter == null) {
			throw new InvalidRequestException("status", "must be one of queued, running, succeeded, failed, cancelled, "
					+ "diverged, got '" + status + "'");
		}
		JobType typeFilter = type == null ? null : JobType.of(type);
		if (type != null && typeFilter == null) {
			throw new InvalidRequestException("type", "must be " + JobType.NAMES + ", got '" + type + "'");
		}
		Runner runnerFilter = runner == null ? null : Runner.of(runner);
		if (runner != null && runnerFilter == null) {
			throw new InvalidRequestException("runner", "must be server or client, got '" + runner + "'");
		}
		List<Map.Entry<String, String>> tagFilter = new ArrayList<>();
		for (String tag : tags == null ? List.<String>of() : tags) {
			int colon = tag.indexOf(':');
			if (colon < 1) {
				throw new InvalidRequestException("tag", "must be key:value, got '" + tag + "'");
			}
			tagFilter.add(Map.entry(tag.substring(0, colon), tag.substring(colon + 1)));
		}
		JobFilter filter = new JobFilter(statusFilter, typeFilter, studyId, runnerFilter,
				name == null || name.isEmpty() ? null : name, tagFilter);
		long total = jobs.count(filter);
		var items = jobs.list(filter, page, size).stream().map(row -> view(row, false)).toList();
		return new JobPage(items, page, size, total, Pages.count(total, size));
	}

	/**
	 * Whether {@code count} more jobs fit in the queue; the answer holds until the caller's transaction ends, since
	 * it takes the submission lock that every submission takes before it counts the queue. A caller that queues
	 * several jobs as one step (a study's rung) asks first, and waits for room instead of being refused halfway.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean queueHasRoomFor(int count) {
		jobs.lockSubmissions();
		return jobs.count(JobStatus.QUEUED, null, null) + count <= queueSettings.maxQueued();
	}

	/** The 429 of a full queue, for a caller that found no room for the jobs it would queue. */
	public JobQueueFullException queueFull() {
		return JobProblems.queueFull(queueSettings.maxQueued(), queueSettings.retryAfter());
	}

	/** The most jobs the queue holds ({@code lrtune.queue.max-queued}). */
	public int maxQueued() {
		return queueSettings.maxQueued();
	}

	/** The most iterations one job may run ({@code lrtune.jobs.max-iterations}). */
	public long maxIterations() {
		return settings.maxIterations();
	}

	/** The studies that have a job still queued or running: only the others can take their next step. */
	public Set<Long> studiesWithActiveJobs() {
		return jobs.studiesWithActiveJobs();
	}

	/** Every job of a study (its range test and trials), oldest first. */
	public List<Job> ofStudy(long studyId) {
		return jobs.ofStudy(studyId).stream().map(this::view).toList();
	}

	/**
	 * Cancels a job unless it has finished: true when it was queued or running (and now is cancelled or asked
	 * to stop), false when it had already finished.
	 */
	public boolean cancelIfActive(long id) {
		if (jobs.cancelQueued(id, clock.instant())) {
			return true;
		}
		if (jobs.requestCancel(id)) {
			workers.cancelLocal(id);
			return true;
		}
		return false;
	}

	/** A queued job is cancelled at once; a running one is asked to stop (it keeps its curve). */
	public Job cancel(long id) {
		if (cancelIfActive(id)) {
			return get(id);
		}
		Job job = get(id);
		throw JobProblems.conflict("Job " + id + " is " + job.status() + "; only a queued or running job can be cancelled.");
	}

	public void delete(long id) {
		if (!jobs.deleteTerminal(id)) {
			Job job = get(id);
			throw JobProblems.conflict("Job " + id + " is " + job.status() + "; cancel it first, only a finished job "
					+ "can be deleted.");
		}
		curveCache.changed(id); // the curve went with the job
	}

	/**
	 * A range test's suggestions once it has run, or an lr_search's measured rate once it has succeeded; 409 for a
	 * training job or one that has not got that far.
	 * @return a {@link Recommendation} (range_test) or a {@link SearchRecommendation} (lr_search)
	 */
	public Object recommendation(long id) {
		RecommendationAnswer answer = recommendationAnswer(id);
		if (answer.conflict() != null) {
			throw new ErrorResponseException(HttpStatus.CONFLICT, answer.conflict(), null);
		}
		return answer.recommendation();
	}

	/**
	 * {@link #recommendation(long)} with its 409 as a value rather than thrown: clients poll a job's recommendation
	 * until it has run, and a thrown problem costs each poll the exception's resolution besides the answer (a 404 for
	 * an unknown job is still thrown).
	 */
	RecommendationAnswer recommendationAnswer(long id) {
		Job job = get(id);
		JobType type = JobType.of(job.type());
		if (type == JobType.TRAINING) {
			return RecommendationAnswer.conflict("Job " + id + " is a training job; recommendations come from "
					+ "range_test and lr_search jobs.", true);
		}
		JobResult result = job.result();
		boolean ended = JobStatus.of(job.status()).isTerminal();
		if (type == JobType.LR_SEARCH) {
			if (!JobStatus.SUCCEEDED.jsonName().equals(job.status()) || result == null || result.search() == null
					|| result.recommendation() == null) {
				return RecommendationAnswer.conflict("Job " + id + " is " + job.status() + "; its recommendation exists "
						+ "once the search has succeeded.", ended);
			}
			return new RecommendationAnswer(SearchRecommendation.of(result.recommendation(), result.search()), null);
		}
		if (result == null || result.recommendation() == null) {
			return RecommendationAnswer.conflict("Job " + id + " is " + job.status() + "; its recommendation exists once "
					+ "it has run.", ended);
		}
		return new RecommendationAnswer(result.recommendation(), null);
	}

	/**
	 * @param recommendation what {@code /recommendation} answers with 200, {@code null} with a conflict
	 * @param conflict the 409's problem, {@code null} once there is a recommendation
	 * @param settled whether the answer can no longer change: a recommendation, a training job's 409, or the 409 of a
	 *     job that has ended without one (a request that waits for the job's end has its answer)
	 */
	record RecommendationAnswer(Object recommendation, ProblemDetail conflict, boolean settled) {

		/** A recommendation ({@code conflict} {@code null}, settled) or a 409 of a job that may still get one. */
		RecommendationAnswer(Object recommendation, ProblemDetail conflict) {
			this(recommendation, conflict, conflict == null);
		}

		/** A 409 of a job that has not run yet, which may still get a recommendation. */
		static RecommendationAnswer conflict(String detail) {
			return conflict(detail, false);
		}

		static RecommendationAnswer conflict(String detail, boolean settled) {
			return new RecommendationAnswer(null, JobProblems.conflictProblem(detail), settled);
		}

	}

	@Override
	public boolean exists(long jobId) {
		return jobs.find(jobId).isPresent();
	}

	@Override
	public Optional<OwnerStatus> status(long jobId) {
		return jobs.find(jobId).map(job -> new OwnerStatus(job.status().jsonName(), job.status().isTerminal()));
	}

	private void wakeWorkersAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					workers.wakeUp();
				}
			});
		}
		else {
			workers.wakeUp();
		}
	}

	private JobRequest resolve(JobRequest request, JobDatasets.Shape shape) {
		int batchSize = JobDefaults.batchSize(request.batchSize());
		double fraction = JobDefaults.validationFraction(request.validationFraction());
		long seed = JobDefaults.seed(request.seed());
		OptimizerRequest optimizer = JobDefaults.optimizer(request.optimizer()).resolved();
		RangeTestRequest rangeTest = null;
		TrainingRequest training = null;
		LrSearchRequest lrSearch = null;
		if (request.jobType() == JobType.TRAINING) {
			training = resolve(request.training(), iterationsPerEpoch(shape, fraction, batchSize));
		}
		else {
			rangeTest = (request.rangeTest() == null ? RangeTestRequest.DEFAULTS : request.rangeTest()).resolved();
			lrSearch = request.lrSearch() == null ? null : request.lrSearch().resolved();
		}
		return new JobRequest(request.type(), request.dataset(), request.model().resolved(), optimizer, batchSize, seed,
				fraction, JobDefaults.standardizeTarget(request.standardizeTarget()), rangeTest, training,
				lrSearch);
	}

	private static TrainingRequest resolve(TrainingRequest training, int iterationsPerEpoch) {
		try {
			training.schedule().toSchedule(iterationsPerEpoch);
		}
		catch (InvalidParameterException ex) {
			throw ex.under("training.schedule");
		}
		int evaluateEvery = training.evaluateEvery() == null ? iterationsPerEpoch : training.evaluateEvery();
		return new TrainingRequest(training.iterations(), training.epochs(), training.schedule(), evaluateEvery);
	}

	private static long totalIterations(JobRequest request, JobDatasets.Shape shape) {
		if (request.lrSearch() != null) {
			return (long) request.rangeTest().iterations() * request.rangeTest().repeats()
					+ LrSearchExecution.raceIterations(request.lrSearch().toSpec());
		}
		if (request.rangeTest() != null) {
			return (long) request.rangeTest().iterations() * request.rangeTest().repeats();
		}
		TrainingRequest training = request.training();
		if (training.iterations() != null) {
			return training.iterations();
		}
		return (long) training.epochs() * iterationsPerEpoch(shape, request.validationFraction(), request.batchSize());
	}

	/** ⌈training rows / batch size⌉, with the training rows {@code Dataset.split} will leave. */
	static int iterationsPerEpoch(JobDatasets.Shape shape, double validationFraction, int batchSize) {
		int rows = shape.rows();
		return (int) TrainingSettings.iterationsPerEpoch(rows - Dataset.heldOutRows(rows, validationFraction), batchSize);
	}

	/** The model fits the dataset's task (the rule is the core's); a 400 naming {@code model.type} otherwise. */
	private static void checkModelFits(ModelRequest model, Task task) {
		try {
			Models.checkFits(model.type(), task);
		}
		catch (InvalidParameterException ex) {
			throw new InvalidRequestException("model." + ex.parameter(), ex.detail());
		}
	}

	private Job view(JobRow row) {
		return view(row, true);
	}

	/** @param withPlan whether a client-run job shows its lr plan (not in lists, where it would dominate the page) */
	@SuppressWarnings("unchecked")
	private Job view(JobRow row, boolean withPlan) {
		JobRequest request = json.readShared(row.request(), JobRequest.class);
		List<Double> plan = withPlan && row.runner() == Runner.CLIENT ? ClientRunPlan.of(request).rates() : null;
		Map<String, String> tags = row.tags() == null ? Map.of() : json.readShared(row.tags(), Map.class);
		return new Job(row.id(), row.type().jsonName(), row.status().jsonName(), row.createdAt(), row.startedAt(),
				row.finishedAt(), progress(row), request, json.readShared(row.result(), JobResult.class), row.error(),
				row.attempt(), row.worker(), row.studyId(), row.runner().jsonName(), row.name(), tags,
				json.readShared(row.params(), Map.class), plan);
	}

	private static Job.Progress progress(JobRow row) {
		long done = row.iteration();
		// a finished lr_search trained less than the most its race could: what it trained was its whole work
		long total = row.type() == JobType.LR_SEARCH && row.status() == JobStatus.SUCCEEDED ? done : row.totalIterations();
		Double eta = null;
		if (row.status() == JobStatus.RUNNING && done > 0 && row.startedAt() != null && row.progressAt() != null) {
			double elapsed = Duration.between(row.startedAt(), row.progressAt()).toNanos() / 1e9;
			eta = elapsed * (total - done) / done;
		}
		return new Job.Progress(done, total, total == 0 ? 0 : (double) done / total, eta);
	}

}
