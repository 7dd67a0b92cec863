package dev.lrtune.schedule;

import static dev.lrtune.schedule.Examples.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bean Validation, as {@code @Valid @RequestBody} runs it before {@link ScheduleSpec#toSchedule(int)}. */
class ScheduleSpecValidationTests {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void createValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	private static List<String> violations(String json) {
		return validator.validate(read(json))
			.stream()
			.map(ConstraintViolation::getPropertyPath)
			.map(Object::toString)
			.sorted()
			.toList();
	}

	@Test
	void aMissingRequiredFieldIsReportedOnce() {
		assertThat(violations("""
				{"type": "step", "lr": 0.1}""")).containsExactly("stepSize");
	}

	@Test
	void violationsInNestedSchedulesCarryTheirJsonPath() {
		assertThat(violations("""
				{"type": "warmup", "warmupSteps": 10, "then": {"type": "cosine", "lr": 0.1, "tMax": 0}}"""))
			.containsExactly("then.tMax");
		assertThat(violations("""
				{"type": "sequential", "milestones": [10],
				 "schedules": [{"type": "constant", "lr": 0.1}, {"type": "step", "lr": -0.1, "stepSize": 0}]}"""))
			.containsExactly("schedules[1].lr", "schedules[1].stepSize");
	}

	@Test
	void theDocumentedExamplesAreValid() {
		Examples.specClasses()
			.forEach(spec -> assertThat(violations(Examples.exampleOf(spec))).as(spec.getSimpleName()).isEmpty());
	}

}
