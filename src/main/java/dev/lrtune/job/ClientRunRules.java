package dev.lrtune.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.lrtune.schedule.ScheduleSpec;
import dev.lrtune.schedule.SequentialSpec;
import dev.lrtune.schedule.WarmupSpec;
import dev.lrtune.job.store.Runner;

/**
 * What a job request must and must not hold for its runner, and the rules for name and tags that every job follows.
 * A client-run job trains the client's own model on the client's own data, so the fields that describe lrtune's model
 * and data are refused rather than silently ignored; it counts iterations, the one unit both sides share.
 */
final class ClientRunRules {

	static final int MAX_TAG_KEY_LENGTH = 100;

	static final int MAX_TAG_VALUE_LENGTH = 500;

	private static final String NOT_FOR_CLIENT = "does not apply to a client-run job: the client trains its own model "
			+ "on its own data (keep such details in params)";

	private ClientRunRules() {
	}

	/** Reports each broken rule as {@code (field, message)}. */
	static void check(JobRequest request, BiConsumer<String, String> violations) {
		Runner runner = request.jobRunner();
		if (runner == null) {
			violations.accept("runner", "must be server or client, got '" + request.runner() + "'");
		}
		else if (runner == Runner.SERVER) {
			if (request.dataset() == null || request.dataset().isBlank()) {
				violations.accept("dataset", "must not be blank");
			}
			if (request.model() == null) {
				violations.accept("model", "must not be null");
			}
		}
		else {
			refused(request).forEach((field, present) -> {
				if (present) {
					violations.accept(field, NOT_FOR_CLIENT);
				}
			});
			if (request.jobType() == JobType.LR_SEARCH) {
				violations.accept("type", "a client-run job is a range_test or a training; an lr_search runs on lrtune's workers");
			}
			checkClientBlocks(request, violations);
		}
		checkTags(request.tags(), violations);
		if (request.name() != null && request.name().isBlank()) {
			violations.accept("name", "must not be blank when given");
		}
	}

	private static Map<String, Boolean> refused(JobRequest request) {
		Map<String, Boolean> fields = new LinkedHashMap<>();
		fields.put("dataset", request.dataset() != null);
		fields.put("model", request.model() != null);
		fields.put("optimizer", request.optimizer() != null);
		fields.put("batchSize", request.batchSize() != null);
		fields.put("validationFraction", request.validationFraction() != null);
		fields.put("seed", request.seed() != null);
		fields.put("standardizeTarget", request.standardizeTarget() != null);
		fields.put("lrSearch", request.lrSearch() != null);
		return fields;
	}

	private static void checkClientBlocks(JobRequest request, BiConsumer<String, String> violations) {
		if (request.jobType() == JobType.LR_SEARCH) {
			violations.accept("type", "must be range_test or training for a client-run job: an lr_search trains many "
					+ "runs of lrtune's own model");
		}
		RangeTestRequest test = request.rangeTest();
		if (test != null && test.repeats() != null) {
			violations.accept("rangeTest.repeats", "does not apply to a client-run job: run one range test per repeat");
		}
		if (test != null && test.lossSource() != null) {
			violations.accept("rangeTest.lossSource",
					"does not apply to a client-run job: the client posts whichever loss it measures");
		}
		TrainingRequest training = request.training();
		if (training == null) {
			return;
		}
		if (training.epochs() != null) {
			violations.accept("training.epochs", "does not apply to a client-run job: give training.iterations");
		}
		else if (training.iterations() == null) {
			violations.accept("training.iterations", "is required for a client-run job");
		}
		if (training.schedule() != null && countsEpochs(training.schedule())) {
			violations.accept("training.schedule.interval", "must be iteration for a client-run job: lrtune does not know "
					+ "the client's epoch length, so the schedule's steps must be iterations");
		}
	}

	/** Whether the schedule, or one nested in it, steps once per epoch. */
	static boolean countsEpochs(ScheduleSpec spec) {
		if ("epoch".equals(spec.interval())) {
			return true;
		}
		if (spec instanceof WarmupSpec warmup) {
			return warmup.then() != null && countsEpochs(warmup.then());
		}
		if (spec instanceof SequentialSpec sequential && sequential.schedules() != null) {
			return sequential.schedules().stream().anyMatch(inner -> inner != null && countsEpochs(inner));
		}
		return false;
	}

	private static void checkTags(Map<String, String> tags, BiConsumer<String, String> violations) {
		if (tags == null) {
			return;
		}
		tags.forEach((key, value) -> {
			if (key.isBlank() || key.length() > MAX_TAG_KEY_LENGTH || key.contains(":")) {
				violations.accept("tags", "keys must be 1 to " + MAX_TAG_KEY_LENGTH + " characters without ':', got '"
						+ key + "'");
			}
			if (value == null || value.length() > MAX_TAG_VALUE_LENGTH) {
				violations.accept("tags." + key, "must be a string of at most " + MAX_TAG_VALUE_LENGTH + " characters");
			}
		});
	}

}
