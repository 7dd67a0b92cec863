package dev.lrtune.job;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import dev.lrtune.job.store.Runner;

/**
 * Client-run training jobs made for a study whose trials the client runs: checked when the study is created, created
 * when a client asks for a trial. Errors name the job's fields ({@code training.schedule.lr}); the study renames them.
 */
@Service
public class ClientTrials {

	private final ClientRuns clientRuns;

	private final Validator validator;

	ClientTrials(ClientRuns clientRuns, Validator validator) {
		this.clientRuns = clientRuns;
		this.validator = validator;
	}

	/**
	 * Refuses a trial that the job API would refuse, as a client-run training job of that schedule and length.
	 *
	 * @throws InvalidRequestException naming the job's field ({@code InvalidParameterException} for a schedule the
	 *     core refuses, under {@code training.schedule})
	 */
	public void check(ScheduleSpec schedule, long iterations, Integer evaluateEvery) {
		clientRuns.check(validated(request(schedule, iterations, evaluateEvery, null, Map.of(), null)));
	}

	/** Creates the trial's job, running at once, in the caller's transaction. */
	public Job start(long studyId, ScheduleSpec schedule, long iterations, Integer evaluateEvery, String name,
			Map<String, String> tags, Map<String, Object> params) {
		return clientRuns.createTrial(studyId, validated(request(schedule, iterations, evaluateEvery, name, tags, params)));
	}

	private static JobRequest request(ScheduleSpec schedule, long iterations, Integer evaluateEvery, String name,
			Map<String, String> tags, Map<String, Object> params) {
		return new JobRequest(JobType.TRAINING.jsonName(), null, null, null, null, null, null, null, null,
				new TrainingRequest(iterations, null, schedule, evaluateEvery), null, Runner.CLIENT.jsonName(), name, tags,
				params);
	}

	private JobRequest validated(JobRequest request) {
		Set<ConstraintViolation<JobRequest>> violations = validator.validate(request);
		if (!violations.isEmpty()) {
			ConstraintViolation<JobRequest> first = violations.stream()
				.min(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
				.orElseThrow();
			throw new InvalidRequestException(first.getPropertyPath().toString(), first.getMessage());
		}
		return request;
	}

}
