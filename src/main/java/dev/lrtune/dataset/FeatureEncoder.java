package dev.lrtune.dataset;

import java.util.List;

/** Writes one column of a row into the feature matrix: a numeric column as one value, a categorical one as one-hot. */
sealed interface FeatureEncoder {

	/** The column's index in the file. */
	int index();

	/** Feature names, one per matrix column this encoder writes. */
	List<String> names();

	/**
	 * Writes the record's cell in this column and returns the offset after it.
	 * @param record trimmed; the cell missing only under {@code missing=mean}
	 */
	int write(CsvRecord record, double[] matrix, int offset);

	/** A number as it is; a missing one as the column's mean. */
	record Numeric(int index, String name, double mean) implements FeatureEncoder {

		@Override
		public List<String> names() {
			return List.of(name);
		}

		@Override
		public int write(CsvRecord record, double[] matrix, int offset) {
			matrix[offset] = record.isMissing(index) ? mean : record.number(index);
			return offset + 1;
		}

	}

	/**
	 * One column per category, in sorted order, named {@code column=category}: 1 for the row's category,
	 * 0 for the others. A missing category gets each category's share of the column, the mean of the
	 * one-hot columns.
	 */
	final class OneHot implements FeatureEncoder {

		private final int index;

		private final List<String> names;

		/** The categories, in sorted order: a category's entry is its code. */
		private final SpanTable codes = new SpanTable();

		private final double[] shares;

		OneHot(ColumnProfile column) {
			List<String> categories = column.categories();
			this.index = column.index;
			this.names = categories.stream().map(category -> column.name + "=" + category).toList();
			this.shares = new double[categories.size()];
			for (int i = 0; i < shares.length; i++) {
				codes.add(categories.get(i));
				shares[i] = (double) column.count(categories.get(i)) / column.values();
			}
		}

		@Override
		public int index() {
			return index;
		}

		@Override
		public List<String> names() {
			return names;
		}

		@Override
		public int write(CsvRecord record, double[] matrix, int offset) {
			if (record.isMissing(index)) {
				System.arraycopy(shares, 0, matrix, offset, shares.length);
			}
			else {
				int code = codes.indexOf(record, index);
				if (code < 0) {
					throw new IllegalStateException("category '" + record.text(index) + "' was not profiled");
				}
				matrix[offset + code] = 1;
			}
			return offset + shares.length;
		}

	}

}
