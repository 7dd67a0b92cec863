package dev.lrtune.study;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The rules of a {@link StudyRequest} that depend on its runner, checked by {@link StudyRequestValidator}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StudyRequestValidator.class)
@interface ValidStudyRequest {

	String message() default "invalid study request";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
