package dev.lrtune.dataset;

import java.util.List;
import java.util.Objects;

import dev.lrtune.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query or form fields of {@code POST /datasets}, as sent.
 */
record UploadParameters(
		@Parameter(description = "Dataset name; default: the uploaded file's name, else 'untitled'") String name,
		@Parameter(description = "Target column (header name); default: the last column") String target,
		@Parameter(description = "regression | classification; default inferred: a target with a non-number, "
				+ "or with at most 10 distinct integer values, is classification") String task,
		@Parameter(description = "error (default) | drop | mean") String missing,
		@Parameter(description = "Whether training z-scores the features (training-split statistics); default true") Boolean standardize,
		@Parameter(description = "Columns to leave out, comma-separated (an id, a date)") List<String> exclude) {

	static final int MAX_NAME_LENGTH = 200;

	/** The longest column name, as a target or excluded column: what the {@code datasets.target} column holds. */
	static final int MAX_COLUMN_NAME_LENGTH = 1000;

	UploadOptions toOptions(String fileName) {
		if (target != null && target.trim().length() > MAX_COLUMN_NAME_LENGTH) {
			throw new InvalidRequestException("target", "must be at most " + MAX_COLUMN_NAME_LENGTH + " characters");
		}
		return new UploadOptions(name(fileName), blankToNull(target), task == null ? null : TargetKind.parse("task", task),
				missing == null ? MissingValues.ERROR : MissingValues.parse("missing", missing),
				!Boolean.FALSE.equals(standardize), exclude == null ? List.of()
						: exclude.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList());
	}

	private String name(String fileName) {
		String chosen = Objects.requireNonNullElse(blankToNull(name), defaultName(fileName));
		if (chosen.length() > MAX_NAME_LENGTH) {
			throw new InvalidRequestException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
		}
		return chosen;
	}

	private static String defaultName(String fileName) {
		if (fileName == null || fileName.isBlank()) {
			return "untitled";
		}
		String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
		String stem = base.toLowerCase().endsWith(".csv") ? base.substring(0, base.length() - 4) : base;
		return stem.isBlank() ? "untitled" : stem.substring(0, Math.min(stem.length(), MAX_NAME_LENGTH));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
