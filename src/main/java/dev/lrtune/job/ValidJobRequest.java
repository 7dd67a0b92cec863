package dev.lrtune.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The cross-field rules of a {@link JobRequest}, checked by {@link JobRequestValidator}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = JobRequestValidator.class)
@interface ValidJobRequest {

	String message() default "invalid job request";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
