package dev.lrtune.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobResult;
import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.study.StudyRows.RunRow;
import dev.lrtune.study.StudyRows.RungRow;
import dev.lrtune.study.StudyRows.StudyRow;
import tools.jackson.databind.json.JsonMapper;

/** Builds the API's view of a study from its rows and its jobs (read live until a rung is closed). */
@Component
class StudyViews {

	private final Studies studies;

	private final JobManagement jobs;

	private final JsonMapper json;

	StudyViews(Studies studies, JobManagement jobs, JsonMapper json) {
		this.studies = studies;
		this.jobs = jobs;
		this.json = json;
	}

	StudyRequest request(StudyRow row) {
		return json.readValue(row.request(), StudyRequest.class).withStoredDefaults(row.objective());
	}

	/** The range test's recommendation the candidates were generated from; {@code null} when they were given. */
	Recommendation recommendation(StudyRow row) {
		return row.recommendation() == null ? null : json.readValue(row.recommendation(), Recommendation.class);
	}

	List<ScheduleSpec> candidates(long studyId) {
		return studies.candidates(studyId).stream().map(text -> json.readValue(text, ScheduleSpec.class)).toList();
	}

	String write(Object value) {
		return json.writeValueAsString(value);
	}

	/** The study's jobs by id, one query. */
	Map<Long, Job> jobsOf(long studyId) {
		return jobs.ofStudy(studyId).stream().collect(Collectors.toMap(Job::id, Function.identity()));
	}

	/** How a run stands: as recorded when its rung was closed, else as its job is now. */
	static TrialOutcome outcome(RunRow run, Map<Long, Job> jobsById) {
		if (run.outcome() != null) {
			return new TrialOutcome(run.candidate(), run.rung(), JobStatus.of(run.outcome()), run.validationLoss(),
					run.bestValidationLoss(), run.bestIteration(), run.reached() == null ? 0 : run.reached());
		}
		Job job = jobsById.get(run.jobId());
		if (job == null) {
			return new TrialOutcome(run.candidate(), run.rung(), JobStatus.FAILED, null, null, null, 0);
		}
		JobResult result = job.result();
		return new TrialOutcome(run.candidate(), run.rung(), job.state(), result == null ? null : result.validationLoss(),
				result == null ? null : result.bestValidationLoss(), result == null ? null : result.bestValidationIteration(),
				job.progress().iteration());
	}

	Study view(StudyRow row) {
		StudyRequest request = request(row);
		// Runs first, jobs last: a rung the coordinator commits meanwhile adds runs and their jobs together, so every
		// run read here finds its job (read the other way, a new run would look like a trial whose job is gone).
		Map<Integer, List<RunRow>> runsByCandidate = studies.runs(row.id()).stream()
			.collect(Collectors.groupingBy(RunRow::candidate));
		Map<Integer, List<RungRow>> judgements = row.clientRun()
				? studies.rungs(row.id()).stream().collect(Collectors.groupingBy(RungRow::candidate)) : Map.of();
		List<ScheduleSpec> schedules = candidates(row.id());
		Map<Long, Job> jobsById = jobsOf(row.id());
		List<TrialOutcome> latest = new ArrayList<>();
		for (int candidate = 0; candidate < schedules.size(); candidate++) {
			List<RunRow> runs = runsByCandidate.getOrDefault(candidate, List.of());
			if (!runs.isEmpty()) {
				TrialOutcome outcome = outcome(runs.get(runs.size() - 1), jobsById);
				latest.add(row.clientRun() ? outcome.atRung(entered(judgements.get(candidate))) : outcome);
			}
		}
		latest.sort(TrialOutcome.bestFirst(row.objective()));
		List<Long> rungs = request.rungs();
		List<Study.Trial> trials = new ArrayList<>();
		int rank = 1;
		for (TrialOutcome outcome : latest) {
			List<RunRow> runs = runsByCandidate.get(outcome.candidate());
			RunRow last = runs.get(runs.size() - 1);
			List<RungRow> judged = judgements.getOrDefault(outcome.candidate(), List.of());
			boolean pruned = row.clientRun() ? judged.stream().anyMatch(judgement -> !judgement.promoted())
					: outcome.rung() < row.rung();
			trials.add(new Study.Trial(outcome.candidate(), rank++, schedules.get(outcome.candidate()), last.jobId(),
					outcome.status().jsonName(), outcome.rung(), outcome.reached(), outcome.validationLoss(),
					outcome.bestValidationLoss(), outcome.bestIteration(), pruned, outcome.status() == JobStatus.DIVERGED,
					runs.stream().map(run -> run(run, row, jobsById)).toList(),
					judged.stream().map(judgement -> judgement(judgement, rungs)).toList(), note(last, row)));
		}
		return new Study(row.id(), row.status().jsonName(), row.createdAt(), row.finishedAt(), request,
				row.objective().jsonName(), row.runner(), row.rangeTestJobId(), row.rung(), rungs, trials,
				best(row, trials), row.error());
	}

	/** The rung a client-run trial has entered: one past every rung it went on from. */
	private static int entered(List<RungRow> judged) {
		return judged == null ? 0 : (int) judged.stream().filter(RungRow::promoted).count();
	}

	private static Study.Judgement judgement(RungRow row, List<Long> rungs) {
		return new Study.Judgement(row.rung(), rungs.get(row.rung()), row.iteration(), row.value(), row.ordinal(),
				row.promoted());
	}

	/** The winner, once the study succeeded: the top trial, which trained the whole budget. */
	private static Study.Best best(StudyRow row, List<Study.Trial> trials) {
		if (row.status() != StudyStatus.SUCCEEDED || trials.isEmpty()) {
			return null;
		}
		Study.Trial top = trials.get(0);
		Double loss = row.objective() == Objective.BEST ? top.bestValidationLoss() : top.validationLoss();
		if (loss == null || top.validationLoss() == null) {
			return null;
		}
		return new Study.Best(top.jobId(), top.schedule(), top.iterations(), top.validationLoss(),
				top.bestValidationLoss(), top.bestValidationIteration(), top.note());
	}

	/** Whether a run is the learning-rate search's (the constant candidate's whole run) rather than a trial's. */
	static boolean fromSearch(RunRow run, StudyRow row) {
		return row.rangeTestJobId() != null && run.jobId() == row.rangeTestJobId();
	}

	/** A trial's note: what its furthest run is when the study did not train it. */
	private static String note(RunRow run, StudyRow row) {
		return fromSearch(run, row) ? "The constant candidate at the searched rate: its whole run is the learning-rate "
				+ "search's own (job " + run.jobId() + ", trained for the budget with the study's seed, split and "
				+ "validation measurements), so the study trains no trial of its own for it: it meets the survivor "
				+ "of the other candidates at the last rung." : null;
	}

	private Study.Run run(RunRow run, StudyRow row, Map<Long, Job> jobsById) {
		TrialOutcome outcome = outcome(run, jobsById);
		return new Study.Run(run.rung(), run.jobId(), fromSearch(run, row) ? "search" : "trial", run.iterations(),
				json.readValue(run.schedule(), ScheduleSpec.class),
				outcome.status().jsonName(), outcome.validationLoss(), outcome.bestValidationLoss(), outcome.bestIteration());
	}

}
