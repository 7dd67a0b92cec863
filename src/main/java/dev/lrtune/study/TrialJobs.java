package dev.lrtune.study;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.LrSearchRequest;
import dev.lrtune.job.TrainingRequest;
import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Turns a study into ordinary jobs: its learning-rate search, and each candidate's trial at a rung (a training job of the
 * rung's iterations whose schedule is sized for the whole budget, so that it follows the first steps of the full
 * run exactly). A job the job API would refuse is refused here with the study's field names.
 */
@Component
class TrialJobs {

	private final JobManagement jobs;

	private final Validator validator;

	TrialJobs(JobManagement jobs, Validator validator) {
		this.jobs = jobs;
		this.validator = validator;
	}

	/**
	 * Queues the learning-rate search that sizes the generated candidates: a range test, then a race of constant
	 * rates for the study's budget, judged by the study's objective and measured as the study's last rung is, so that
	 * the search's whole run at its measured rate is the constant candidate's.
	 */
	Job submitSearch(long studyId, StudyRequest study) {
		JobRequest request = new JobRequest("lr_search", study.dataset(), study.model(), study.optimizer(),
				study.batchSize(), study.seed(), study.validationFraction(), study.standardizeTarget(), study.rangeTest(),
				null, new LrSearchRequest(study.iterations(), null, null, null, study.objective(), study.evaluateEvery()));
		return submit(studyId, request, null);
	}

	/** Queues a candidate's trial at a rung of that many iterations, measuring the validation split that often. */
	Job submitTrial(long studyId, StudyRequest study, int candidate, ScheduleSpec schedule, long iterations,
			int evaluateEvery) {
		JobRequest request = new JobRequest("training", study.dataset(), study.model(), study.optimizer(),
				study.batchSize(), study.seed(), study.validationFraction(), study.standardizeTarget(), null,
				new TrainingRequest(iterations, null, schedule, evaluateEvery), null);
		return submit(studyId, request, candidate);
	}

	private Job submit(long studyId, JobRequest request, Integer candidate) {
		Set<ConstraintViolation<JobRequest>> violations = validator.validate(request);
		if (!violations.isEmpty()) {
			ConstraintViolation<JobRequest> first = violations.stream()
				.min(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
				.orElseThrow();
			throw new InvalidRequestException(studyField(first.getPropertyPath().toString(), candidate), first.getMessage());
		}
		try {
			return jobs.submit(request, studyId);
		}
		catch (InvalidParameterException ex) {
			throw new InvalidRequestException(studyField(ex.parameter(), candidate), ex.detail());
		}
		catch (InvalidRequestException ex) {
			throw new InvalidRequestException(studyField(ex.field(), candidate), ex.getMessage());
		}
	}

	/** A job request's field as the study request spells it: training.schedule.lr is candidates[2].lr. */
	static String studyField(String jobField, Integer candidate) {
		for (var rename : List.of(List.of("training.schedule", candidate == null ? "candidates" : "candidates[" + candidate + "]"),
				List.of("training.iterations", "iterations"), List.of("lrSearch.iterations", "iterations"),
				List.of("training.evaluateEvery", "evaluateEvery"))) {
			String from = rename.get(0);
			if (jobField.equals(from) || jobField.startsWith(from + ".")) {
				return rename.get(1) + jobField.substring(from.length());
			}
		}
		return "training".equals(jobField) ? "iterations" : jobField;
	}

}
