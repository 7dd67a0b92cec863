package dev.lrtune.dataset;

/** Which rows a dataset keeps, given the missing-value mode; the same answer in both passes. */
final class RowFilter {

	private final int[] used;

	private final int target;

	private final MissingValues mode;

	RowFilter(int[] used, int target, MissingValues mode) {
		this.used = used;
		this.target = target;
		this.mode = mode;
	}

	MissingValues mode() {
		return mode;
	}

	/** @param record trimmed */
	boolean keeps(CsvRecord record) {
		return switch (mode) {
			case ERROR -> true;
			case MEAN -> !record.isMissing(target);
			case DROP -> !anyMissing(record);
		};
	}

	private boolean anyMissing(CsvRecord record) {
		for (int column : used) {
			if (record.isMissing(column)) {
				return true;
			}
		}
		return false;
	}

}
