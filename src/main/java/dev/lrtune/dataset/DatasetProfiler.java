package dev.lrtune.dataset;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The first pass over an upload: reads the header, resolves the target and the excluded columns, checks
 * that every row has as many fields as the header, and profiles each used column over the rows the
 * dataset will keep.
 */
final class DatasetProfiler {

	private final int maxCategories;

	private final int maxColumns;

	DatasetProfiler(int maxCategories, int maxColumns) {
		this.maxCategories = maxCategories;
		this.maxColumns = maxColumns;
	}

	Profile profile(CsvText text, UploadOptions options) {
		CsvReader reader = new CsvReader(text);
		Header header = Header.read(reader);
		if (header.size() > maxColumns) {
			throw DatasetProblem.unprocessable("Too many columns", "The header has " + header.size()
					+ " columns, more than the " + maxColumns + " this service accepts.")
				.line(1)
				.with("maxColumns", maxColumns)
				.fix("Upload only the columns to learn from (a wide file is often a transposed one), or raise "
						+ "lrtune.datasets.max-columns.");
		}
		int target = options.target() == null ? header.size() - 1 : header.indexOf(options.target(), "target");
		Set<Integer> excluded = excluded(header, options, target);
		int[] features = IntStream.range(0, header.size()).filter(i -> i != target && !excluded.contains(i)).toArray();
		if (features.length == 0) {
			throw DatasetProblem.unprocessable("No feature columns", "Besides the target '" + header.name(target)
					+ "', no column is left to learn from" + (excluded.isEmpty() ? "." : " once the excluded ones are left out."))
				.fix(excluded.isEmpty() ? "Upload a file with at least one column besides the target."
						: "Exclude fewer columns.");
		}
		int[] used = IntStream.concat(IntStream.of(features), IntStream.of(target)).toArray();
		ColumnProfile[] columns = new ColumnProfile[header.size()];
		for (int i : used) {
			columns[i] = new ColumnProfile(header.name(i), i, maxCategories);
		}
		RowFilter rows = new RowFilter(used, target, options.missing());
		return read(reader, header, target, features, columns, rows);
	}

	private static Profile read(CsvReader reader, Header header, int target, int[] features, ColumnProfile[] columns,
			RowFilter rows) {
		int parsed = 0;
		int kept = 0;
		int withMissing = 0;
		for (CsvRecord record = reader.nextRecord(); record != null; record = reader.nextRecord()) {
			if (record.size() != header.size()) {
				throw ragged(header, reader.line(), record.size());
			}
			parsed++;
			record.trim();
			boolean keep = rows.keeps(record);
			kept += keep ? 1 : 0;
			boolean anyMissing = false;
			for (ColumnProfile column : columns) {
				if (column == null) {
					continue;
				}
				if (record.isMissing(column.index)) {
					column.missing(reader.line());
					anyMissing = true;
				}
				else if (keep) {
					column.accept(record, reader.line());
				}
			}
			withMissing += anyMissing ? 1 : 0;
		}
		if (parsed == 0) {
			throw DatasetProblem.badRequest("Empty file", "The file has a header but no data rows.")
				.line(2)
				.fix("Add rows under the header line.");
		}
		return new Profile(header, target, features, columns, rows, parsed, kept, withMissing);
	}

	private static Set<Integer> excluded(Header header, UploadOptions options, int target) {
		Set<Integer> excluded = new LinkedHashSet<>();
		for (String name : options.exclude()) {
			int index = header.indexOf(name, "exclude");
			if (index == target) {
				throw DatasetProblem
					.badRequest("Target excluded", "The target column '" + name + "' cannot also be excluded.")
					.column(name)
					.fix("Remove '" + name + "' from exclude, or choose another target.")
					.field("exclude");
			}
			excluded.add(index);
		}
		return excluded;
	}

	private static DatasetProblem ragged(Header header, long line, int fields) {
		boolean fewer = fields < header.size();
		DatasetProblem problem = DatasetProblem.badRequest("Ragged row", "Line " + line + " has " + fields
				+ (fields == 1 ? " field" : " fields") + ", but the header has " + header.size() + " columns.")
			.line(line)
			.fix(fewer ? "Give every row " + header.size() + " fields: write an empty cell as nothing between two commas "
					+ "(a,,c) rather than leaving it out."
					: "Quote fields that contain commas (\"Smith, J.\"), and remove extra commas "
							+ "(a comma at the end of a line adds an empty field).");
		return fewer ? problem.column(header.name(fields)) : problem;
	}

}
