package dev.lrtune.job;

import java.util.Locale;

/** Who runs a job: a worker of some instance ({@code server}), or the client that created it ({@code client}). */
enum Runner {

	SERVER, CLIENT;

	/** The name in the JSON contract and the database: {@code server}, {@code client}. */
	String jsonName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The runner called {@code name}, or {@code null}. */
	static Runner of(String name) {
		for (Runner runner : values()) {
			if (runner.jsonName().equals(name)) {
				return runner;
			}
		}
		return null;
	}

}
