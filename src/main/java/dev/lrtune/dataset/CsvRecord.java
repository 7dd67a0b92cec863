package dev.lrtune.dataset;

import java.util.Arrays;

/**
 * One record of a {@link CsvReader}, its fields read in place: each field is a span of the upload's text (or, for a
 * quoted field with doubled quotes, of the field's unescaped text), so that a cell costs no {@code String} unless one
 * is asked for. The reader reuses one record for every line: a span is valid until the next record is read.
 */
final class CsvRecord {

	private CsvText[] sources = new CsvText[16];

	private int[] starts = new int[16];

	private int[] ends = new int[16];

	private int size;

	/** The characters of a number, copied for the parser; longer numbers are parsed from a String. */
	private final char[] digits = new char[64];

	void clear() {
		size = 0;
	}

	void add(CsvText source, int start, int end) {
		if (size == starts.length) {
			sources = Arrays.copyOf(sources, size * 2);
			starts = Arrays.copyOf(starts, size * 2);
			ends = Arrays.copyOf(ends, size * 2);
		}
		sources[size] = source;
		starts[size] = start;
		ends[size] = end;
		size++;
	}

	int size() {
		return size;
	}

	/** Trims every field as {@link String#trim()} would. */
	void trim() {
		for (int i = 0; i < size; i++) {
			CsvText source = sources[i];
			int start = starts[i];
			int end = ends[i];
			while (start < end && source.charAt(start) <= ' ') {
				start++;
			}
			while (start < end && source.charAt(end - 1) <= ' ') {
				end--;
			}
			starts[i] = start;
			ends[i] = end;
		}
	}

	String text(int field) {
		return sources[field].substring(starts[field], ends[field]);
	}

	String[] texts() {
		String[] texts = new String[size];
		for (int i = 0; i < size; i++) {
			texts[i] = text(i);
		}
		return texts;
	}

	/** @see Cells#isMissing(String) */
	boolean isMissing(int field) {
		return Cells.isMissing(sources[field], starts[field], ends[field]);
	}

	/** @see Cells#number(String) */
	double number(int field) {
		return Cells.number(sources[field], starts[field], ends[field], digits);
	}

	/** Whether the field holds exactly {@code text}. */
	boolean holds(int field, String text) {
		return text.length() == ends[field] - starts[field] && sources[field].matches(starts[field], text);
	}

	CsvText source(int field) {
		return sources[field];
	}

	int start(int field) {
		return starts[field];
	}

	int end(int field) {
		return ends[field];
	}

}
