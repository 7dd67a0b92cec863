package dev.lrtune.job.store;

import java.util.Locale;

/** Who runs a job: a worker of some instance ({@code server}), or the client that created it ({@code client}). */
public enum Runner {

	SERVER, CLIENT;

	/** The name in the JSON contract and the database: {@code server}, {@code client}. */
	public String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The runner called {@code name}, or {@code null}. */
	public static Runner of(String name) {
		for (Runner runner : values()) {
			if (runner.jsonName().equals(name)) {
				return runner;
			}
		}
		return null;
	}

}
