package dev.lrtune.dataset;

import java.util.List;

/**
 * Reads RFC 4180 records from text: fields separated by commas, records by CRLF, LF or CR; a field in
 * double quotes may hold commas, line breaks and quotes written twice ({@code ""}). Beyond the RFC,
 * spaces before an opening quote are skipped ({@code a, "b, c"}), a quote inside an unquoted field is
 * kept as a character ({@code 5'3"}), and blank lines are skipped. Lines are counted as an editor
 * counts them, so {@link #line()} of a record that spans lines is the line it starts on.
 * <p>
 * A record's fields are spans of the text ({@link #nextRecord()}), so reading makes no String per cell; only a
 * quoted field with doubled quotes is copied, unescaped.
 */
final class CsvReader {

	private final CsvText text;

	private final int length;

	private final CsvRecord fields = new CsvRecord();

	private final StringBuilder quoted = new StringBuilder();

	private int pos;

	private long line = 1;

	private long recordLine;

	private List<String> columnNames = List.of();

	CsvReader(CsvText text) {
		this.text = text;
		this.length = text.length();
	}

	CsvReader(String text) {
		this(CsvText.of(text));
	}

	/** Names the columns in error messages once the header is known. */
	void nameColumns(List<String> names) {
		this.columnNames = names;
	}

	/** The line the last record returned by {@link #next()} or {@link #nextRecord()} starts on. */
	long line() {
		return recordLine;
	}

	/** The next record's fields, or {@code null} after the last one. */
	String[] next() {
		CsvRecord record = nextRecord();
		return record == null ? null : record.texts();
	}

	/**
	 * The next record, or {@code null} after the last one. The record is reused: its fields are valid until the next
	 * call.
	 */
	CsvRecord nextRecord() {
		while (true) {
			skipLineBreaks();
			if (pos >= length) {
				return null;
			}
			recordLine = line;
			readRecord();
			if (fields.size() > 1 || !fields.text(0).isBlank()) {
				return fields;
			}
		}
	}

	private void readRecord() {
		fields.clear();
		while (true) {
			readField();
			if (pos >= length) {
				return;
			}
			if (text.charAt(pos) != ',') {
				consumeLineBreak();
				return;
			}
			pos++;
		}
	}

	private void readField() {
		int start = pos;
		while (pos < length && isBlank(text.charAt(pos))) {
			pos++;
		}
		if (pos < length && text.charAt(pos) == '"') {
			readQuoted();
			return;
		}
		pos = start;
		while (pos < length && !endsField(text.charAt(pos))) {
			pos++;
		}
		fields.add(text, start, pos);
	}

	/** A quoted field: a span of the text between the quotes, or unescaped into a String when it doubles a quote. */
	private void readQuoted() {
		long startLine = line;
		pos++;
		int start = pos;
		boolean escaped = false;
		while (true) {
			int close = text.indexOf('"', pos);
			if (close < 0) {
				throw unterminated(startLine);
			}
			countLines(pos, close);
			if (escaped) {
				text.appendTo(quoted, pos, close);
			}
			pos = close + 1;
			if (pos < length && text.charAt(pos) == '"') {
				if (!escaped) {
					quoted.setLength(0);
					text.appendTo(quoted, start, close);
					escaped = true;
				}
				quoted.append('"');
				pos++;
			}
			else {
				break;
			}
		}
		int end = pos - 1;
		while (pos < length && isBlank(text.charAt(pos))) {
			pos++;
		}
		if (pos < length && !endsField(text.charAt(pos))) {
			throw strayCharacter(text.charAt(pos));
		}
		if (escaped) {
			fields.add(CsvText.of(quoted.toString()), 0, quoted.length());
		}
		else {
			fields.add(text, start, end);
		}
	}

	private void countLines(int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= length || text.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
	}

	private void skipLineBreaks() {
		while (pos < length && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
			consumeLineBreak();
		}
	}

	private void consumeLineBreak() {
		if (text.charAt(pos) == '\r' && pos + 1 < length && text.charAt(pos + 1) == '\n') {
			pos++;
		}
		pos++;
		line++;
	}

	private static boolean endsField(char c) {
		return c == ',' || c == '\n' || c == '\r';
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	private DatasetProblem atCurrentColumn(DatasetProblem problem) {
		int index = fields.size();
		return index < columnNames.size() ? problem.column(columnNames.get(index)) : problem;
	}

	private String currentColumn() {
		int index = fields.size();
		return index < columnNames.size() ? "column '" + columnNames.get(index) + "'" : "field " + (index + 1);
	}

	private DatasetProblem unterminated(long startLine) {
		return atCurrentColumn(DatasetProblem.badRequest("Malformed CSV",
				"A quoted field that starts on line " + startLine + " (" + currentColumn() + ") is never closed."))
			.line(startLine)
			.fix("Close the quote. Inside a quoted field, write a quote as two quotes (\"\").");
	}

	private DatasetProblem strayCharacter(char found) {
		return atCurrentColumn(DatasetProblem.badRequest("Malformed CSV", "On line " + line + " (" + currentColumn()
				+ ") a quoted field is followed by '" + found + "' instead of a comma or the end of the line."))
			.line(line)
			.fix("Quote the whole field, and inside it write a quote as two quotes: \"5'3\"\" tall\".");
	}

}
