package dev.lrtune.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the first pass learns about one used column: missing cells, whether every value is a number,
 * running statistics (Welford), and its distinct values with their counts, up to a cap, so that memory
 * stays bounded on a column of a million distinct numbers. Cells are read as spans of a {@link CsvRecord}: a String
 * is made only for a distinct value remembered.
 */
final class ColumnProfile {

	/** Distinct text values remembered to tell a text column from a numeric one with a few stray words. */
	private static final int TEXT_SAMPLES = 4;

	final String name;

	final int index;

	private final int maxCategories;

	private final int maxDistinct;

	/** Distinct values, numbered in order of appearance, and how often each appears. */
	private final SpanTable distinct = new SpanTable();

	private long[] counts = new long[16];

	private final DistinctNumbers distinctNumbers = new DistinctNumbers();

	private final List<String> texts = new ArrayList<>(TEXT_SAMPLES);

	private long missing;

	private long firstMissingLine;

	private long values;

	private long numbers;

	private long textCount;

	private long firstTextLine;

	private double min = Double.POSITIVE_INFINITY;

	private double max = Double.NEGATIVE_INFINITY;

	private double mean;

	private double m2;

	private boolean integers = true;

	/** Remembers one distinct value more than {@code maxCategories}, to know when the cap is passed. */
	ColumnProfile(String name, int index, int maxCategories) {
		this.name = name;
		this.index = index;
		this.maxCategories = maxCategories;
		this.maxDistinct = maxCategories + 1;
	}

	void missing(long line) {
		if (missing++ == 0) {
			firstMissingLine = line;
		}
	}

	/** @param record trimmed; its cell in this column not missing */
	void accept(CsvRecord record, long line) {
		values++;
		tally(record);
		double number = record.number(index);
		if (Double.isNaN(number)) {
			if (textCount++ == 0) {
				firstTextLine = line;
			}
			if (texts.size() < TEXT_SAMPLES && !sampled(record)) {
				texts.add(record.text(index));
			}
			return;
		}
		numbers++;
		integers &= number == Math.rint(number);
		min = Math.min(min, number);
		max = Math.max(max, number);
		double delta = number - mean;
		mean += delta / numbers;
		m2 += delta * (number - mean);
		if (distinctNumbers.size() < maxDistinct) {
			distinctNumbers.add(number);
		}
	}

	private void tally(CsvRecord record) {
		if (overflows()) {
			return; // past the cap the column is refused or numeric: counts no longer matter
		}
		int entry = distinct.indexOf(record, index);
		if (entry >= 0) {
			counts[entry]++;
		}
		else if (distinct.size() < maxDistinct) {
			entry = distinct.add(record.text(index));
			if (entry == counts.length) {
				counts = Arrays.copyOf(counts, entry * 2);
			}
			counts[entry] = 1;
		}
	}

	private boolean sampled(CsvRecord record) {
		for (String text : texts) {
			if (record.holds(index, text)) {
				return true;
			}
		}
		return false;
	}

	long missing() {
		return missing;
	}

	long firstMissingLine() {
		return firstMissingLine;
	}

	/** Non-missing cells in the kept rows. */
	long values() {
		return values;
	}

	boolean isNumeric() {
		return textCount == 0 && numbers > 0;
	}

	boolean hasIntegersOnly() {
		return integers;
	}

	long textCount() {
		return textCount;
	}

	long firstTextLine() {
		return firstTextLine;
	}

	String firstText() {
		return texts.get(0);
	}

	/** Distinct text (non-number) values, exact up to {@value #TEXT_SAMPLES}. */
	int distinctTexts() {
		return texts.size();
	}

	/** Whether the column has more distinct values than {@code maxCategories}. */
	boolean overflows() {
		return distinct.size() > maxCategories;
	}

	int distinct() {
		return distinct.size();
	}

	int distinctNumbers() {
		return distinctNumbers.size();
	}

	double mean() {
		return mean;
	}

	/** Sorted distinct values, in String order. */
	List<String> categories() {
		List<String> sorted = new ArrayList<>(distinct.size());
		for (int entry = 0; entry < distinct.size(); entry++) {
			sorted.add(distinct.key(entry));
		}
		sorted.sort(Comparator.naturalOrder());
		return sorted;
	}

	long count(String category) {
		return counts[distinct.indexOf(category)];
	}

	/** Sorted distinct numbers; exact when the column has at most the cap of distinct values. */
	List<Double> numbers() {
		return distinctNumbers.sorted();
	}

	ColumnSummary summary() {
		if (isNumeric()) {
			return ColumnSummary.numeric(name, missing, min, max, mean, Math.sqrt(m2 / numbers));
		}
		return ColumnSummary.categorical(name, missing, overflows() ? List.of() : categories());
	}

}
