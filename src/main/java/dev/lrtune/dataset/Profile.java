package dev.lrtune.dataset;

/**
 * What the first pass found.
 *
 * @param header the column names
 * @param target the target column's index
 * @param features the feature columns' indices, in file order
 * @param columns a profile per column index, {@code null} for excluded columns
 * @param rows which rows the dataset keeps
 * @param rowsParsed data rows read
 * @param rowsKept data rows the dataset keeps
 * @param rowsWithMissing data rows with a missing cell in a used column
 */
record Profile(Header header, int target, int[] features, ColumnProfile[] columns, RowFilter rows, int rowsParsed,
		int rowsKept, int rowsWithMissing) {

	ColumnProfile targetColumn() {
		return columns[target];
	}

}
