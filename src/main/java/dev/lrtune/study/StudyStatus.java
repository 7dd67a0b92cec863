package dev.lrtune.study;

import java.util.Locale;

/** Where a study is: {@code running → succeeded | failed | cancelled}. */
enum StudyStatus {

	RUNNING, SUCCEEDED, FAILED, CANCELLED;

	/** The name in the JSON contract and the database: {@code running}, {@code succeeded}, … */
	String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status called {@code name}; a name the database should never hold is an error. */
	static StudyStatus of(String name) {
		for (StudyStatus status : values()) {
			if (status.jsonName().equals(name)) {
				return status;
			}
		}
		throw new IllegalArgumentException("not a study status: " + name);
	}

}
