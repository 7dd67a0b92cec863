package dev.lrtune.dataset;

import java.util.Locale;

import dev.lrtune.web.InvalidRequestException;

/**
 * What to do with missing cells (see {@link Cells}) in the target and the feature columns; excluded
 * columns are never looked at.
 * <ul>
 * <li>{@code error} (default): refuse the upload, naming the first missing cell;</li>
 * <li>{@code drop}: leave out every row with a missing cell;</li>
 * <li>{@code mean}: fill a missing numeric cell with its column's mean, and a missing category with
 * each category's share of the column (the mean of its one-hot columns); rows whose target is missing
 * are left out, since a made-up label is not data.</li>
 * </ul>
 */
enum MissingValues {

	ERROR, DROP, MEAN;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static MissingValues parse(String field, String value) {
		for (MissingValues missing : values()) {
			if (missing.value().equalsIgnoreCase(value.trim())) {
				return missing;
			}
		}
		throw new InvalidRequestException(field, "must be 'error', 'drop' or 'mean', not '" + value + "'");
	}

}
