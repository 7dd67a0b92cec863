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

	/** @param cells one record, trimmed */
	boolean keeps(String[] cells) {
		return switch (mode) {
			case ERROR -> true;
			case MEAN -> !Cells.isMissing(cells[target]);
			case DROP -> !anyMissing(cells);
		};
	}

	private boolean anyMissing(String[] cells) {
		for (int column : used) {
			if (Cells.isMissing(cells[column])) {
				return true;
			}
		}
		return false;
	}

	static void trim(String[] cells) {
		for (int i = 0; i < cells.length; i++) {
			cells[i] = cells[i].trim();
		}
	}

}
