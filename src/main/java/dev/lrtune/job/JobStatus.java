package dev.lrtune.job;

import java.util.Locale;

/** Where a job is: {@code queued → running → succeeded | failed | cancelled | diverged}. */
public enum JobStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, DIVERGED;

	/** The name in the JSON contract and the database: {@code queued}, {@code succeeded}, … */
	public String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether a job with this status has ended (it is neither queued nor running). */
	public boolean isTerminal() {
		return this != QUEUED && this != RUNNING;
	}

	/** The status called {@code name}, or {@code null}. */
	public static JobStatus of(String name) {
		for (JobStatus status : values()) {
			if (status.jsonName().equals(name)) {
				return status;
			}
		}
		return null;
	}

}
