package dev.lrtune.study;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.train.TrainingSettings;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.OptimizerRequest;
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

	StudyManagement(Studies studies, StudyViews views, TrialJobs trialJobs, StudyCoordinator coordinator,
			JobManagement jobs) {
		this.studies = studies;
		this.views = views;
		this.trialJobs = trialJobs;
		this.coordinator = coordinator;
		this.jobs = jobs;
	}

	@Transactional
	Study submit(StudyRequest request) {
		StudyRequest resolved = resolve(request);
		long id = studies.nextId();
		studies.insert(id, views.write(resolved), Objective.of(resolved.objective()),
				resolved.candidates() == null ? -1 : 0, Instant.now());
		if (resolved.candidates() == null) {
			Job search = trialJobs.submitSearch(id, resolved);
			studies.setRangeTestJob(id, search.id());
		}
		else if (!coordinator.start(id, resolved, null, resolved.candidates())) {
			throw jobs.queueFull();
		}
		return get(id);
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

	private StudyRequest resolve(StudyRequest request) {
		long iterations = request.iterations();
		if (iterations > jobs.maxIterations()) {
			throw new InvalidRequestException("iterations", "the last rung's trials would run " + iterations
					+ " iterations, more than " + jobs.maxIterations() + " (lrtune.jobs.max-iterations)");
		}
		int candidates = request.candidateCount();
		if (candidates > jobs.maxQueued()) {
			// a queue too short for the first rung would refuse it on every look: the study would never start
			throw new InvalidRequestException("candidates", "the first rung queues one trial per candidate, " + candidates
					+ ", more than the queue holds (" + jobs.maxQueued() + ", lrtune.queue.max-queued)");
		}
		StrategyRequest strategy = (request.strategy() == null ? new StrategyRequest(null, null, null)
				: request.strategy()).resolved(candidates, iterations);
		if (strategy.minIterations() > iterations) {
			throw new InvalidRequestException("strategy.minIterations", "must be at most iterations (" + iterations
					+ "), got " + strategy.minIterations());
		}
		long seed = request.seed() == null ? JobManagement.randomSeed() : request.seed();
		int evaluateEvery = request.evaluateEvery() != null ? request.evaluateEvery()
				: (int) Math.max(1, (iterations + DEFAULT_EVALUATIONS - 1) / DEFAULT_EVALUATIONS);
		return new StudyRequest(request.dataset(), request.model(),
				request.optimizer() == null ? OptimizerRequest.SGD : request.optimizer(),
				request.batchSize() == null ? TrainingSettings.DEFAULT_BATCH_SIZE : request.batchSize(), seed,
				request.validationFraction() == null ? SplitDataset.DEFAULT_VALIDATION_FRACTION
						: request.validationFraction(),
				request.standardizeTarget() == null || request.standardizeTarget(), iterations, evaluateEvery, request.candidates(), strategy, Objective.of(request.objective()).jsonName(),
				request.rangeTest());
	}

	private static ErrorResponseException notFound(long id) {
		return Problems.of(HttpStatus.NOT_FOUND, "Study not found", "There is no study " + id + ".");
	}

	private static ErrorResponseException conflict(String detail) {
		return Problems.of(HttpStatus.CONFLICT, "Conflict with the study's status", detail);
	}


}
