package dev.lrtune.job;

import java.util.Locale;

/** Where a job is: {@code queued → running → succeeded | failed | cancelled | diverged}. */
enum JobStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, DIVERGED;

	String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	boolean isTerminal() {
		return this != QUEUED && this != RUNNING;
	}

	/** The status called {@code name}, or {@code null}. */
	static JobStatus of(String name) {
		for (JobStatus status : values()) {
			if (status.jsonName().equals(name)) {
				return status;
			}
		}
		return null;
	}

}
