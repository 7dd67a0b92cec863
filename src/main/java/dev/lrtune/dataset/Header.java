package dev.lrtune.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first record: the column names, trimmed, a blank one named {@code column<N>} (1-based). Refused
 * when it is missing, when it is data (every cell a number), when it is one cell that holds semicolons
 * or tabs (another separator), when two columns share a name, since names are how the target and
 * the excluded columns are chosen, and when a name is longer than a dataset's target can be.
 */
record Header(List<String> names) {

	static Header read(CsvReader reader) {
		String[] cells = reader.next();
		if (cells == null) {
			throw DatasetProblem.badRequest("Empty file", "The upload holds no CSV data.")
				.line(1)
				.fix("Upload a CSV file whose first line names the columns and whose next lines hold the rows.");
		}
		List<String> names = new ArrayList<>(cells.length);
		for (int i = 0; i < cells.length; i++) {
			String name = cells[i].trim();
			names.add(name.isEmpty() ? "column" + (i + 1) : name);
		}
		Header header = new Header(List.copyOf(names));
		header.check(cells);
		reader.nameColumns(header.names);
		return header;
	}

	private void check(String[] cells) {
		boolean allNumbers = true;
		for (String cell : cells) {
			allNumbers &= !Double.isNaN(Cells.number(cell.trim()));
		}
		if (allNumbers) {
			throw DatasetProblem.badRequest("No header",
					"The first line holds only numbers, so it looks like data rather than a header naming the columns.")
				.line(1)
				.fix("Add a first line that names the columns, such as: " + exampleHeader(cells.length) + ".");
		}
		if (cells.length == 1 && (cells[0].contains(";") || cells[0].contains("\t"))) {
			String separator = cells[0].contains(";") ? "semicolons" : "tabs";
			throw DatasetProblem.badRequest("Not comma-separated",
					"The header is a single column that contains " + separator + ", so the file seems to be separated by "
							+ separator + " rather than commas.")
				.line(1)
				.fix("Save the file with commas as the separator (CSV).");
		}
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).length() > UploadParameters.MAX_COLUMN_NAME_LENGTH) {
				throw DatasetProblem.badRequest("Column name too long", "Column " + (i + 1) + "'s name is "
						+ names.get(i).length() + " characters long; at most " + UploadParameters.MAX_COLUMN_NAME_LENGTH
						+ " are kept.")
					.line(1)
					.fix("Shorten the header's name for column " + (i + 1) + ".");
			}
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			Integer first = seen.putIfAbsent(names.get(i), i);
			if (first != null) {
				throw DatasetProblem.badRequest("Duplicate column name", "Columns " + (first + 1) + " and " + (i + 1)
						+ " are both named '" + names.get(i) + "'; columns are chosen by name, so names must differ.")
					.line(1)
					.column(names.get(i))
					.fix("Rename one of the two columns in the header.");
			}
		}
	}

	private static String exampleHeader(int columns) {
		StringBuilder example = new StringBuilder();
		for (int i = 1; i < Math.min(columns, 4); i++) {
			example.append('x').append(i).append(',');
		}
		return example.append(columns > 4 ? "...,y" : "y").toString();
	}

	int size() {
		return names.size();
	}

	String name(int index) {
		return names.get(index);
	}

	/** The index of a column the request names, or a 400 that lists the columns and a near match. */
	int indexOf(String name, String field) {
		int index = names.indexOf(name);
		if (index >= 0) {
			return index;
		}
		String near = names.stream().filter(n -> loose(n).equals(loose(name))).findFirst().orElse(null);
		throw DatasetProblem
			.badRequest("Unknown column", "The file has no column named '" + name + "'."
					+ (near == null ? "" : " Did you mean '" + near + "'?") + " Its columns are: " + names + ".")
			.column(name)
			.fix(near == null ? "Set " + field + " to one of the header's column names." : field + "=" + near)
			.field(field);
	}

	private static String loose(String name) {
		return name.replaceAll("[\\s_]+", "").toLowerCase(Locale.ROOT);
	}

}
