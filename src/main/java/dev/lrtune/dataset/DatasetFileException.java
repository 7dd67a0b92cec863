package dev.lrtune.dataset;

/** A {@code file:} dataset that cannot be read: outside the data directory, missing, or not a usable CSV. */
public final class DatasetFileException extends RuntimeException {

	DatasetFileException(String message) {
		super(message);
	}

}
