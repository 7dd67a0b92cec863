package dev.lrtune.job;

import java.util.Locale;

/** What a job runs. */
public enum JobType {

	RANGE_TEST, TRAINING, LR_SEARCH;

	/** Every name, as a sentence lists them. */
	static final String NAMES = "range_test, training or lr_search";

	/** The name in the JSON contract and the database: {@code range_test}, {@code training}, {@code lr_search}. */
	public String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The type called {@code name}, or {@code null}. */
	public static JobType of(String name) {
		for (JobType type : values()) {
			if (type.jsonName().equals(name)) {
				return type;
			}
		}
		return null;
	}

}
