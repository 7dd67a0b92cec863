package dev.lrtune.study;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * What a study request must and must not hold for its runner. A client-run study's trials train the client's own model
 * on its own data, so the fields that describe lrtune's model, data and range test are refused rather than silently
 * ignored; its candidates are given, or sized from a range test the client already ran. Each broken rule is its own
 * violation on its field, so one 400 names them all.
 */
class StudyRequestValidator implements ConstraintValidator<ValidStudyRequest, StudyRequest> {

	private static final String NOT_FOR_CLIENT = "does not apply to a client-run study: the client trains its own model "
			+ "on its own data (keep such details in params)";

	@Override
	public boolean isValid(StudyRequest request, ConstraintValidatorContext context) {
		if (request == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		boolean valid = true;
		if (request.runner() != null && !StudyRequest.SERVER.equals(request.runner()) && !request.clientRun()) {
			valid = add(context, "runner", "must be server or client, got '" + request.runner() + "'");
		}
		else if (request.clientRun()) {
			for (Map.Entry<String, Boolean> field : serverOnly(request).entrySet()) {
				if (field.getValue()) {
					valid = add(context, field.getKey(), NOT_FOR_CLIENT);
				}
			}
			if (request.candidates() != null && request.rangeTestJobId() != null) {
				valid = add(context, "rangeTestJobId", "give candidates or rangeTestJobId, not both");
			}
			else if (request.candidates() == null && request.rangeTestJobId() == null) {
				valid = add(context, "rangeTestJobId", "is required for a client-run study without candidates: the id "
						+ "of a finished range test to size the eight candidates from");
			}
		}
		else {
			if (request.dataset() == null || request.dataset().isBlank()) {
				valid = add(context, "dataset", "must not be blank");
			}
			if (request.model() == null) {
				valid = add(context, "model", "must not be null");
			}
			if (request.rangeTestJobId() != null) {
				valid = add(context, "rangeTestJobId", "applies to client-run studies only: a server study without "
						+ "candidates runs its own learning-rate search");
			}
		}
		if (request.name() != null && request.name().isBlank()) {
			valid = add(context, "name", "must not be blank when given");
		}
		return valid;
	}

	private static Map<String, Boolean> serverOnly(StudyRequest request) {
		Map<String, Boolean> fields = new LinkedHashMap<>();
		fields.put("dataset", request.dataset() != null);
		fields.put("model", request.model() != null);
		fields.put("optimizer", request.optimizer() != null);
		fields.put("batchSize", request.batchSize() != null);
		fields.put("seed", request.seed() != null);
		fields.put("validationFraction", request.validationFraction() != null);
		fields.put("standardizeTarget", request.standardizeTarget() != null);
		fields.put("rangeTest", request.rangeTest() != null);
		return fields;
	}

	/** Adds a violation (its message escaped, never interpolated); always false, for {@code valid = add(…)}. */
	private static boolean add(ConstraintValidatorContext context, String field, String message) {
		String escaped = message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
		context.buildConstraintViolationWithTemplate(escaped).addPropertyNode(field).addConstraintViolation();
		return false;
	}

}
