package dev.lrtune.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.job.ClientTrials;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobDefaults;
import dev.lrtune.job.JobManagement;
import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.study.StudyRows.RunRow;
import dev.lrtune.study.StudyRows.StudyRow;
import dev.lrtune.web.InvalidRequestException;
import dev.lrtune.web.Pages;
import dev.lrtune.web.Problems;

/**
 * Submitting, reading and cancelling studies. A submission resolves every default, then queues in the same
 * transaction either the learning-rate search (no candidates) or every candidate's first rung, so a request the job API
 * would refuse is refused whole; {@link StudyCoordinator} takes it from there.
 */
@Service
class StudyManagement {

	/** Validation measurements over the budget when evaluateEvery is not given. */
	static final int DEFAULT_EVALUATIONS = 100;

	private final Studies studies;

	private final StudyViews views;

	private final TrialJobs trialJobs;

	private final StudyCoordinator coordinator;

	private final JobManagement jobs;

	private final ClientTrials clientTrials;

	StudyManagement(Studies studies, StudyViews views, TrialJobs trialJobs, StudyCoordinator coordinator,
			JobManagement jobs, ClientTrials clientTrials) {
		this.studies = studies;
		this.views = views;
		this.trialJobs = trialJobs;
		this.coordinator = coordinator;
		this.jobs = jobs;
		this.clientTrials = clientTrials;
	}

	@Transactional
	Study submit(StudyRequest request) {
		if (request.clientRun()) {
			return submitClientRun(request);
		}
		StudyRequest resolved = resolve(request);
		long id = studies.nextId();
		studies.insert(id, views.write(resolved), Objective.of(resolved.objective()),
				resolved.candidates() == null ? -1 : 0, StudyRequest.SERVER, Instant.now());
		if (resolved.candidates() == null) {
			Job search = trialJobs.submitSearch(id, resolved);
			studies.setRangeTestJob(id, search.id());
		}
		else if (!coordinator.start(id, resolved, null, resolved.candidates())) {
			throw jobs.queueFull();
		}
		return get(id);
	}

	/**
	 * A client-run study: its candidates (given, or sized from the range test named) are stored and wait for clients
	 * to ask for them; nothing is queued.
	 */
	private Study submitClientRun(StudyRequest request) {
		long iterations = checkedIterations(request);
		int evaluateEvery = evaluateEvery(request);
		Recommendation finder = request.rangeTestJobId() == null ? null : finder(request.rangeTestJobId());
		StudyRequest resolved = new StudyRequest(null, null, null, null, null, null, null, iterations, evaluateEvery,
				request.candidates(), null, Objective.of(request.objective()).jsonName(), null, StudyRequest.CLIENT,
				request.rangeTestJobId(), request.name(), request.params());
		List<ScheduleSpec> candidates = finder == null ? request.candidates()
				: StudyCoordinator.generated(finder, resolved, iterations);
		resolved = resolved.withStrategy(strategy(request, candidates.size()));
		for (int i = 0; i < candidates.size(); i++) {
			checkClientTrial(candidates.get(i), resolved, finder == null ? i : null);
		}
		long id = studies.nextId();
		studies.insert(id, views.write(resolved), Objective.of(resolved.objective()), 0, StudyRequest.CLIENT,
				Instant.now());
		if (finder != null) {
			studies.setRangeTestJob(id, request.rangeTestJobId());
			studies.setRecommendation(id, views.write(finder));
		}
		for (int i = 0; i < candidates.size(); i++) {
			studies.insertCandidate(id, i, views.write(candidates.get(i)));
		}
		return get(id);
	}

	/**
	 * Hands the next trial no client has had to this one, as a client-run training job; empty when every remaining
	 * trial is in flight. The study's row lock (held to the end of the transaction, on any instance) makes the
	 * choice and the trial's row one step, so each trial goes to one asker.
	 */
	@Transactional
	Optional<StudyTrial> ask(long id) {
		StudyRow study = studies.lock(id).orElseThrow(() -> notFound(id));
		if (!study.clientRun()) {
			throw conflict("Study " + id + " is run by lrtune's workers; only a client-run study (runner client) hands "
					+ "out trials.");
		}
		if (study.status() != StudyStatus.RUNNING) {
			throw ended(study);
		}
		StudyRequest request = views.request(study);
		Set<Integer> handedOut = studies.runs(id).stream().map(RunRow::candidate).collect(Collectors.toSet());
		List<ScheduleSpec> candidates = views.candidates(id);
		for (int candidate = 0; candidate < candidates.size(); candidate++) {
			if (!handedOut.contains(candidate)) {
				return Optional.of(startTrial(id, request, candidate, candidates.get(candidate)));
			}
		}
		if (coordinator.endIfDone(study)) {
			throw ended(studies.find(id).orElseThrow());
		}
		return Optional.empty();
	}

	private StudyTrial startTrial(long id, StudyRequest request, int candidate, ScheduleSpec schedule) {
		String name = (request.name() == null ? "study " + id : request.name()) + " trial " + candidate;
		Map<String, String> tags = Map.of("study", String.valueOf(id), "candidate", String.valueOf(candidate));
		Job job = clientTrials.start(id, schedule, request.iterations(), request.evaluateEvery(), name, tags,
				request.params());
		studies.insertRun(id, candidate, 0, job.id(), request.iterations(), views.write(schedule));
		return new StudyTrial(job.id(), id, candidate, StudyRequest.CLIENT, schedule, request.iterations(),
				request.judgedRungs(), job);
	}

	/** A trial the job API would refuse, refused now with the study's field names. */
	private void checkClientTrial(ScheduleSpec schedule, StudyRequest study, Integer candidate) {
		try {
			clientTrials.check(schedule, study.iterations(), study.evaluateEvery());
		}
		catch (InvalidParameterException ex) {
			throw new InvalidRequestException(TrialJobs.studyField(ex.parameter(), candidate), ex.detail());
		}
		catch (InvalidRequestException ex) {
			throw new InvalidRequestException(TrialJobs.studyField(ex.field(), candidate), ex.getMessage());
		}
	}

	/** What the candidates are sized from: a finished range test's (or lr_search's) recommendation. */
	private Recommendation finder(long jobId) {
		Job job;
		try {
			job = jobs.get(jobId);
		}
		catch (ErrorResponseException ex) {
			throw new InvalidRequestException("rangeTestJobId", "there is no job " + jobId);
		}
		if (!"range_test".equals(job.type()) && !"lr_search".equals(job.type())) {
			throw new InvalidRequestException("rangeTestJobId", "must be a range_test or lr_search job; job " + jobId
					+ " is a " + job.type() + " job");
		}
		Recommendation finder = job.state() == JobStatus.SUCCEEDED ? StudyCoordinator.finder(job.result()) : null;
		if (finder == null) {
			throw new InvalidRequestException("rangeTestJobId", "must be a range test that has succeeded with a "
					+ "recommendation; job " + jobId + " is " + job.status());
		}
		return finder;
	}

	Study get(long id) {
		return views.view(studies.find(id).orElseThrow(() -> notFound(id)));
	}

	StudyPage list(int page, int size) {
		long total = studies.count();
		List<Study> items = studies.list(page, size).stream().map(views::view).toList();
		return new StudyPage(items, page, size, total, Pages.count(total, size));
	}

	/** Ends a running study and cancels its queued and running trials (they keep their curves). */
	@Transactional
	Study cancel(long id) {
		StudyRow study = studies.lock(id).orElseThrow(() -> notFound(id));
		if (study.status() != StudyStatus.RUNNING) {
			throw conflict("Study " + id + " is " + study.status().jsonName() + "; only a running study can be cancelled.");
		}
		studies.finish(id, StudyStatus.CANCELLED, null, Instant.now());
		if (study.rangeTestJobId() != null) {
			jobs.cancelIfActive(study.rangeTestJobId());
		}
		for (RunRow run : studies.runs(id)) {
			if (run.outcome() == null) {
				jobs.cancelIfActive(run.jobId());
			}
		}
		return get(id);
	}

	private long checkedIterations(StudyRequest request) {
		long iterations = request.iterations();
		if (iterations > jobs.maxIterations()) {
			throw new InvalidRequestException("iterations", "the last rung's trials would run " + iterations
					+ " iterations, more than " + jobs.maxIterations() + " (lrtune.jobs.max-iterations)");
		}
		return iterations;
	}

	private static int evaluateEvery(StudyRequest request) {
		return request.evaluateEvery() != null ? request.evaluateEvery()
				: (int) Math.max(1, (request.iterations() + DEFAULT_EVALUATIONS - 1) / DEFAULT_EVALUATIONS);
	}

	/** The strategy with its defaults for that many candidates; its first rung at most the budget. */
	private static StrategyRequest strategy(StudyRequest request, int candidates) {
		StrategyRequest strategy = (request.strategy() == null ? new StrategyRequest(null, null, null)
				: request.strategy()).resolved(candidates, request.iterations());
		if (strategy.minIterations() > request.iterations()) {
			throw new InvalidRequestException("strategy.minIterations", "must be at most iterations ("
					+ request.iterations() + "), got " + strategy.minIterations());
		}
		return strategy;
	}

	private StudyRequest resolve(StudyRequest request) {
		long iterations = checkedIterations(request);
		int candidates = request.candidateCount();
		if (candidates > jobs.maxQueued()) {
			// a queue too short for the first rung would refuse it on every look: the study would never start
			throw new InvalidRequestException("candidates", "the first rung queues one trial per candidate, " + candidates
					+ ", more than the queue holds (" + jobs.maxQueued() + ", lrtune.queue.max-queued)");
		}
		StrategyRequest strategy = strategy(request, candidates);
		long seed = JobDefaults.seed(request.seed());
		int evaluateEvery = evaluateEvery(request);
		return new StudyRequest(request.dataset(), request.model(),
				JobDefaults.optimizer(request.optimizer()), JobDefaults.batchSize(request.batchSize()), seed,
				JobDefaults.validationFraction(request.validationFraction()),
				JobDefaults.standardizeTarget(request.standardizeTarget()), iterations, evaluateEvery, request.candidates(), strategy, Objective.of(request.objective()).jsonName(),
				request.rangeTest(), null, null, request.name(), request.params());
	}

	private static ErrorResponseException notFound(long id) {
		return Problems.of(HttpStatus.NOT_FOUND, "Study not found", "There is no study " + id + ".");
	}

	private static ErrorResponseException ended(StudyRow study) {
		return conflict("Study " + study.id() + " has ended (" + study.status().jsonName() + "); it hands out no more trials.");
	}

	private static ErrorResponseException conflict(String detail) {
		return Problems.of(HttpStatus.CONFLICT, "Conflict with the study's status", detail);
	}


}
