package dev.lrtune.job;

import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.RangeTestOptions.LossSource;

/**
 * The rules Bean Validation annotations cannot express: which block goes with which {@code type},
 * {@code iterations} xor {@code epochs}, and the model, optimizer and range-test rules, which the core defines
 * and this only reports. Each broken rule becomes its own violation on its field path ({@code model.hidden},
 * {@code rangeTest.endLr}), so one 400 names every bad field together with the annotation checks.
 */
class JobRequestValidator implements ConstraintValidator<ValidJobRequest, JobRequest> {

	@Override
	public boolean isValid(JobRequest request, ConstraintValidatorContext context) {
		if (request == null) {
			return true;
		}
		Violations violations = new Violations(context);
		JobType type = request.jobType();
		if (request.type() != null && type == null) {
			violations.add("type", "must be " + JobType.NAMES + ", got '" + request.type() + "'");
		}
		ClientRunRules.check(request, violations::add);
		if (request.model() != null) {
			violations.check("model", () -> request.model().toSpec().validate());
		}
		if (request.optimizer() != null) {
			violations.check("optimizer", () -> request.optimizer().toSpec().validate());
		}
		if (type == JobType.TRAINING) {
			checkTraining(request, violations);
		}
		else if (type == JobType.RANGE_TEST) {
			if (request.training() != null) {
				violations.add("training", "applies to training jobs only; a range test takes 'rangeTest'");
			}
			checkRangeTest(request, violations);
		}
		else if (type == JobType.LR_SEARCH) {
			checkLrSearch(request, violations);
		}
		if (type != JobType.LR_SEARCH && request.lrSearch() != null) {
			violations.add("lrSearch", "applies to lr_search jobs only");
		}
		return violations.none();
	}

	private static void checkTraining(JobRequest request, Violations violations) {
		if (request.rangeTest() != null) {
			violations.add("rangeTest", "applies to range_test jobs only; a training job takes 'training'");
		}
		TrainingRequest training = request.training();
		if (training == null) {
			violations.add("training", "is required for a training job: {iterations or epochs, schedule, evaluateEvery}");
			return;
		}
		if ((training.iterations() == null) == (training.epochs() == null)) {
			violations.add("training.iterations", "give exactly one of iterations or epochs");
		}
	}

	private static void checkLrSearch(JobRequest request, Violations violations) {
		if (request.training() != null) {
			violations.add("training", "applies to training jobs only; an lr_search takes 'lrSearch' and 'rangeTest'");
		}
		if (request.lrSearch() == null) {
			violations.add("lrSearch", "is required for an lr_search job: {iterations, family, rates, eta}");
		}
		else if (request.lrSearch().iterations() != null) {
			violations.check("lrSearch", () -> request.lrSearch().toSpec());
		}
		if (Double.valueOf(0).equals(request.validationFraction())) {
			violations.add("validationFraction", "an lr_search judges rates on the validation split; it must be > 0");
		}
		checkRangeTest(request, violations);
	}

	/** The core's rules of a range test, and the one that needs the job's split: a validation loss needs validation rows. */
	private static void checkRangeTest(JobRequest request, Violations violations) {
		RangeTestRequest test = request.rangeTest() == null ? RangeTestRequest.DEFAULTS : request.rangeTest();
		List<InvalidParameterException> broken = test.violations();
		broken.forEach(violation -> violations.add("rangeTest." + violation.parameter(), violation.detail()));
		boolean knownSource = broken.stream().noneMatch(violation -> violation.parameter().equals("lossSource"));
		if (knownSource && test.lossSource() != null && LossSource.of(test.lossSource()) == LossSource.VALIDATION
				&& Double.valueOf(0).equals(request.validationFraction())) {
			violations.add("rangeTest.lossSource", "validation needs a validation split, but validationFraction is 0");
		}
	}

	/** Collects violations with their field paths; messages are escaped, never interpolated. */
	private static final class Violations {

		private final ConstraintValidatorContext context;

		private boolean any;

		Violations(ConstraintValidatorContext context) {
			this.context = context;
			context.disableDefaultConstraintViolation();
		}

		void add(String field, String message) {
			any = true;
			context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(field).addConstraintViolation();
		}

		void check(String prefix, Runnable rule) {
			try {
				rule.run();
			}
			catch (InvalidParameterException ex) {
				add(prefix + "." + ex.parameter(), ex.detail());
			}
		}

		boolean none() {
			return !any;
		}

		private static String escape(String message) {
			return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
		}

	}

}
