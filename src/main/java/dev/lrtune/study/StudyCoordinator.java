package dev.lrtune.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.search.SuccessiveHalving;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobFinished;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobResult;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.LrSearchRequest;
import dev.lrtune.job.SearchSummary;
import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.study.StudyRows.RunRow;
import dev.lrtune.study.StudyRows.StudyRow;
import dev.lrtune.web.InvalidRequestException;

/**
 * Moves running studies along: once the learning-rate search finished, sizes and queues the candidates; once every trial of
 * a rung finished, ranks them, prunes, and queues the survivors' next rung; after the last rung, ends the study.
 * Everything it knows is in the database, and each step is one transaction holding the study's row lock, so any
 * instance may take the step, once, and a restarted instance resumes where the rungs stood.
 */
@Component
class StudyCoordinator implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StudyCoordinator.class);

	/** The constant candidate's number among the generated ones: the searched rate itself. */
	static final int CONSTANT = CandidateSchedules.CONSTANT;

	/** Validation measurements at least, at a rung shorter than the budget, of a generated candidate's trial. */
	static final int RUNG_EVALUATIONS = 100;

	private final Studies studies;

	private final StudyViews views;

	private final TrialJobs trialJobs;

	private final JobManagement jobs;

	private final TransactionTemplate transactions;

	private final StudySettings settings;

	private ScheduledExecutorService executor;

	StudyCoordinator(Studies studies, StudyViews views, TrialJobs trialJobs, JobManagement jobs,
			TransactionTemplate transactions, StudySettings settings) {
		this.studies = studies;
		this.views = views;
		this.trialJobs = trialJobs;
		this.jobs = jobs;
		this.transactions = transactions;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lrtune-studies"));
		executor.scheduleWithFixedDelay(this::advanceAll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		executor.shutdownNow();
		executor = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

	/** A trial or the search finished here: its study may take its next step now rather than at the next look. */
	@EventListener
	synchronized void onJobFinished(JobFinished finished) {
		if (finished.studyId() != null && executor != null) {
			executor.execute(() -> advanceOne(finished.studyId()));
		}
	}

	/** Takes every running study one step further where it can; a failure with one study does not stop the rest. */
	void advanceAll() {
		try {
			// only studies none of whose jobs is queued or running can take a step (their range test or current rung
			// has ended, or a rung could not be queued yet); the others wait for their jobs
			Set<Long> waiting = jobs.studiesWithActiveJobs();
			for (long id : studies.running()) {
				if (!waiting.contains(id)) {
					advanceOne(id);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Looking for running studies failed: {}", ex.toString());
		}
	}

	private void advanceOne(long id) {
		try {
			transactions.executeWithoutResult(status -> studies.lockRunning(id).ifPresent(study -> {
				if (!advance(study)) {
					// a full queue is not the study's fault: nothing of this step is kept, it is taken on a later look
					status.setRollbackOnly();
				}
			}));
		}
		catch (InvalidRequestException ex) {
			fail(id, ex.getMessage());
		}
		catch (ErrorResponseException ex) {
			fail(id, ex.getBody().getDetail());
		}
		catch (RuntimeException ex) {
			log.warn("Study {} could not be advanced: {}", id, ex.toString());
		}
	}

	/** Ends a study whose next trial the job API refused (say its dataset was deleted meanwhile). */
	private void fail(long id, String reason) {
		transactions.executeWithoutResult(status -> studies.lockRunning(id)
			.ifPresent(row -> studies.finish(id, StudyStatus.FAILED, "A trial could not be queued: " + reason, Instant.now())));
	}

	/** Takes the study's next step if it can; false when the queue has no room for the trials that step queues. */
	private boolean advance(StudyRow study) {
		if (study.clientRun()) {
			endIfDone(study);
			return true;
		}
		return study.rung() < 0 ? afterRangeTest(study) : afterRung(study);
	}

	private boolean afterRangeTest(StudyRow study) {
		Map<Long, Job> jobs = views.jobsOf(study.id());
		Job search = jobs.get(study.rangeTestJobId());
		if (search != null && !search.state().isTerminal()) {
			return true;
		}
		Recommendation finder = search == null ? null : finder(search.result());
		if (search == null || search.state() != JobStatus.SUCCEEDED || finder == null) {
			String ended = search == null ? "was deleted" : "ended " + search.status()
					+ (search.error() == null ? "" : ": " + search.error());
			studies.finish(study.id(), StudyStatus.FAILED, "The learning-rate search (job " + study.rangeTestJobId() + ") " + ended
					+ "; no candidates could be sized from it.", Instant.now());
			return true;
		}
		StudyRequest request = views.request(study);
		studies.setRecommendation(study.id(), views.write(finder));
		List<ScheduleSpec> candidates = generated(finder, request, request.iterations());
		for (int i = 0; i < candidates.size(); i++) {
			studies.insertCandidate(study.id(), i, views.write(candidates.get(i)));
		}
		Optional<TrialOutcome> constant = measuredBy(search, request)
			.flatMap(summary -> searchRun(summary, request.iterations(), request.rungs().size() - 1));
		if (constant.isPresent()) {
			// the search trained the constant candidate's whole run: it is that candidate's last-rung trial
			studies.insertRun(study.id(), CONSTANT, constant.get().rung(), search.id(), request.iterations(),
					views.write(candidates.get(CONSTANT)));
			studies.closeRun(study.id(), constant.get());
		}
		return startRung(study.id(), request, finder, 0, racing(candidates.size(), constant.isPresent()), candidates);
	}

	/**
	 * The search's summary when its trials measured the validation split as the study's last rung does (a search
	 * queued before searches took the study's {@code evaluateEvery} did not); else empty.
	 */
	private static Optional<SearchSummary> measuredBy(Job search, StudyRequest request) {
		LrSearchRequest asked = search.request() == null ? null : search.request().lrSearch();
		if (asked == null || search.result() == null || search.result().search() == null
				|| !Objects.equals(asked.evaluateEvery(), request.evaluateEvery())) {
			return Optional.empty();
		}
		return Optional.of(search.result().search());
	}

	/**
	 * The constant candidate's whole run, as the learning-rate search trained it: the search's trial of its measured
	 * rate that trained the budget (its last rung or its climb). With the study's seed, split and measurements it is
	 * the very run the constant candidate's last-rung trial would repeat. Empty when the search measured no rate or
	 * recorded no such trial (the candidate then races like the others).
	 *
	 * @param lastRung the study's last rung, which the outcome is placed at
	 */
	static Optional<TrialOutcome> searchRun(SearchSummary search, long budget, int lastRung) {
		if (search.lr() == null) {
			return Optional.empty();
		}
		return search.trials().stream()
			.filter(trial -> trial.lr() == search.lr() && trial.iterations() == budget && !trial.diverged()
					&& trial.lastValidationLoss() != null && trial.bestValidationLoss() != null)
			.findFirst()
			.map(trial -> new TrialOutcome(CONSTANT, lastRung, JobStatus.SUCCEEDED, trial.lastValidationLoss(),
					trial.bestValidationLoss(), trial.bestValidationIteration(), trial.iterations()));
	}

	/**
	 * The candidates that race from the first rung: all of them, or all but the constant one when the search already
	 * trained its whole run; it then meets the last rung's survivors there.
	 */
	static List<Integer> racing(int candidates, boolean constantFromSearch) {
		return IntStream.range(0, candidates).filter(i -> !(constantFromSearch && i == CONSTANT)).boxed().toList();
	}

	/**
	 * What the candidates are sized from: the range test's recommendation, its rate replaced by the search's measured
	 * one ({@code method} search) when the job was an lr_search that measured one; a study queued before studies
	 * searched has a plain range test.
	 */
	static Recommendation finder(JobResult result) {
		if (result == null || result.recommendation() == null) {
			return null;
		}
		SearchSummary search = result.search();
		return search == null ? result.recommendation()
				: finder(result.recommendation(), search.lr(), search.method());
	}

	/** The range test's recommendation with its rate replaced by the search's measured one, when it measured one. */
	static Recommendation finder(Recommendation test, Double searchLr, String method) {
		if (searchLr == null) {
			return test;
		}
		return new Recommendation(searchLr, method, test.suggestions(), test.warnings(), test.minLossLr(),
				test.divergenceLr(), test.cyclicBounds(), test.indices(), test.spread());
	}

	/**
	 * Stores the candidates (sized for the budget) and queues every one's first rung; {@code finder} is the range
	 * test's recommendation they were generated from, {@code null} for given ones.
	 * @return false, having written nothing the caller should keep, when the queue has no room for the first rung
	 */
	boolean start(long studyId, StudyRequest request, Recommendation finder, List<ScheduleSpec> candidates) {
		for (int i = 0; i < candidates.size(); i++) {
			studies.insertCandidate(studyId, i, views.write(candidates.get(i)));
		}
		return startRung(studyId, request, finder, 0, IntStream.range(0, candidates.size()).boxed().toList(),
				candidates);
	}

	private boolean afterRung(StudyRow study) {
		Map<Long, Job> jobs = views.jobsOf(study.id());
		List<RunRow> runs = studies.runs(study.id()).stream().filter(run -> run.rung() == study.rung()).toList();
		List<TrialOutcome> outcomes = runs.stream().map(run -> StudyViews.outcome(run, jobs)).toList();
		if (!outcomes.stream().allMatch(TrialOutcome::finished)) {
			return true;
		}
		for (TrialOutcome outcome : outcomes) {
			studies.closeRun(study.id(), outcome);
		}
		Objective objective = study.objective();
		StudyRequest request = views.request(study);
		List<Integer> survivors = survivors(outcomes, objective, request.strategy().eta());
		List<Long> rungs = request.rungs();
		if (survivors.isEmpty() && finalist(study.id(), rungs.size() - 1, objective)) {
			// the racing candidates are out, but the constant candidate's whole run (the search's) stands
			studies.setRung(study.id(), rungs.size() - 1);
			studies.finish(study.id(), StudyStatus.SUCCEEDED, null, Instant.now());
			return true;
		}
		if (survivors.isEmpty()) {
			studies.finish(study.id(), StudyStatus.FAILED, "Every trial of rung " + study.rung() + " diverged, failed or was "
					+ "cancelled; none could be ranked by validation loss.", Instant.now());
			return true;
		}
		if (study.rung() == rungs.size() - 1) {
			studies.finish(study.id(), StudyStatus.SUCCEEDED, null, Instant.now());
			return true;
		}
		Recommendation finder = views.recommendation(study);
		return startRung(study.id(), request, finder, study.rung() + 1, survivors,
				finder == null ? views.candidates(study.id()) : List.of());
	}

	/** Whether the last rung already holds a ranked run: the constant candidate's, taken from the search. */
	private boolean finalist(long studyId, int lastRung, Objective objective) {
		return studies.runs(studyId).stream()
			.filter(run -> run.rung() == lastRung && run.outcome() != null)
			.map(run -> StudyViews.outcome(run, Map.of()))
			.anyMatch(outcome -> outcome.ranked(objective));
	}

	/**
	 * Ends a client-run study (locked by the caller) once every trial has been handed out and has ended, finished or
	 * pruned: succeeded when one can be ranked, else failed. A trial whose client went silent failed by its lease and
	 * ranks last.
	 * @return whether the study has ended
	 */
	boolean endIfDone(StudyRow study) {
		List<RunRow> runs = studies.runs(study.id());
		if (runs.size() < studies.candidates(study.id()).size()) {
			return false;
		}
		Map<Long, Job> jobs = views.jobsOf(study.id());
		List<TrialOutcome> outcomes = runs.stream().map(run -> StudyViews.outcome(run, jobs)).toList();
		if (!outcomes.stream().allMatch(TrialOutcome::finished)) {
			return false;
		}
		for (int i = 0; i < runs.size(); i++) {
			if (runs.get(i).outcome() == null) {
				studies.closeRun(study.id(), outcomes.get(i));
			}
		}
		if (outcomes.stream().noneMatch(outcome -> outcome.ranked(study.objective()))) {
			studies.finish(study.id(), StudyStatus.FAILED, "Every trial diverged, failed or was cancelled; none could be ranked by "
					+ "validation loss.", Instant.now());
		}
		else {
			studies.finish(study.id(), StudyStatus.SUCCEEDED, null, Instant.now());
		}
		return true;
	}

	/**
	 * The candidates a finished rung sends on, in candidate order: the best {@link SuccessiveHalving#survivors ⌊n/eta⌋}
	 * of its trials by the objective (fewer when fewer could be ranked).
	 */
	static List<Integer> survivors(List<TrialOutcome> outcomes, Objective objective, int eta) {
		return outcomes.stream()
			.filter(outcome -> outcome.ranked(objective))
			.sorted(TrialOutcome.bestFirst(objective))
			.limit(SuccessiveHalving.survivors(outcomes.size(), eta))
			.map(TrialOutcome::candidate)
			.sorted()
			.toList();
	}

	/**
	 * Queues the given candidates' trials at a rung and makes it the study's current one. Generated candidates (a
	 * {@code finder}) are sized for the rung's length, so that every rung compares whole schedules; given ones run
	 * as given, stopped at the rung's length.
	 * @return false, queueing nothing, when the queue has no room for the whole rung
	 */
	private boolean startRung(long studyId, StudyRequest request, Recommendation finder, int rung,
			List<Integer> candidates, List<ScheduleSpec> given) {
		if (!this.jobs.queueHasRoomFor(candidates.size())) {
			return false;
		}
		long iterations = request.rungs().get(rung);
		List<ScheduleSpec> schedules = finder == null ? given : generated(finder, request, iterations);
		int every = finder == null ? request.evaluateEvery() : evaluateEvery(request, iterations);
		for (int candidate : candidates) {
			ScheduleSpec schedule = schedules.get(candidate);
			Job job = trialJobs.submitTrial(studyId, request, candidate, schedule, iterations, every);
			studies.insertRun(studyId, candidate, rung, job.id(), iterations, views.write(schedule));
		}
		studies.setRung(studyId, rung);
		return true;
	}

	/** The generated candidates sized for a rung of that many iterations. */
	static List<ScheduleSpec> generated(Recommendation finder, StudyRequest request, long iterations) {
		return CandidateSchedules.from(finder, iterations, evaluations(request, iterations));
	}

	/**
	 * How often a generated candidate's trial at a rung of that many iterations measures the validation split: the
	 * study's {@code evaluateEvery} for the budget, and at a shorter rung as often as needed for
	 * {@value #RUNG_EVALUATIONS} measurements there, if that is more often ({@code evaluateEvery} 0, only after the
	 * last iteration, stays 0). A rung's trial is a whole schedule compressed into the rung, and ranking it by its
	 * lowest loss needs as fine a view of its curve as the budget's run gets.
	 */
	static int evaluateEvery(StudyRequest request, long iterations) {
		int every = request.evaluateEvery();
		if (every == 0 || iterations >= request.iterations()) {
			return every;
		}
		return (int) Math.min(every, Math.max(1, (iterations + RUNG_EVALUATIONS - 1) / RUNG_EVALUATIONS));
	}

	/** Validation measurements in that many iterations, as the trials make them (the plateau candidate counts them). */
	private static long evaluations(StudyRequest request, long iterations) {
		int every = evaluateEvery(request, iterations);
		return every == 0 ? 1 : iterations / every;
	}

}
