package dev.lrtune.dataset;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.lrtune.web.InvalidRequestException;

/** What a dataset's target is: a number to predict, or a class index in 0..k−1. */
public enum TargetKind {

	REGRESSION, CLASSIFICATION;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TargetKind parse(String field, String value) {
		for (TargetKind task : values()) {
			if (task.value().equalsIgnoreCase(value.trim())) {
				return task;
			}
		}
		throw new InvalidRequestException(field, "must be 'regression' or 'classification', not '" + value + "'");
	}

}
