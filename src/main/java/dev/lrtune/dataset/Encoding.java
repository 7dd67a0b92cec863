package dev.lrtune.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The decisions between the two passes: how each column is encoded, what the task is, and whether
 * the profiled file can become a dataset at all (each refusal a 422 naming the column and the fix).
 * <p>
 * A feature column is numeric when every kept value is a number, otherwise categorical (one-hot, at
 * most {@code maxCategories} categories). A column of numbers with a few stray words ({@code unknown},
 * {@code -}) is refused rather than one-hot encoded by accident: at most {@value #STRAY_WORDS}
 * distinct words among more than {@value #INTEGER_CLASSES} distinct numbers.
 * <p>
 * Task inference, when the request gives none: classification when the target holds a value that is
 * not a number, or only integers with at most {@value #INTEGER_CLASSES} distinct values (0/1 labels,
 * digits, ratings); regression otherwise.
 */
record Encoding(List<FeatureEncoder> features, TargetEncoder target, int rows, int cols, List<String> featureNames) {

	static final int INTEGER_CLASSES = 10;

	static final int STRAY_WORDS = 3;

	private static final Pattern DATE = Pattern
		.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}.*|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}.*|\\d{4}-\\d{2}");

	static Encoding plan(Profile profile, TargetKind requested, int maxCategories, long maxValues) {
		checkSomeRowKept(profile);
		List<FeatureEncoder> features = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int index : profile.features()) {
			FeatureEncoder feature = feature(profile.columns()[index], maxCategories);
			features.add(feature);
			names.addAll(feature.names());
		}
		TargetEncoder target = TargetEncoder.plan(profile.targetColumn(), requested, maxCategories);
		checkMissing(profile);
		long values = (long) profile.rowsKept() * names.size();
		if (values > maxValues) {
			throw DatasetProblem.unprocessable("Dataset too large", "Encoded, the dataset would hold " + profile.rowsKept()
					+ " rows × " + names.size() + " features = " + values + " values, more than the " + maxValues + " allowed.")
				.fix("Exclude wide categorical columns (each category adds a feature), upload fewer rows, "
						+ "or raise lrtune.datasets.max-values.");
		}
		return new Encoding(List.copyOf(features), target, profile.rowsKept(), names.size(), List.copyOf(names));
	}

	private static FeatureEncoder feature(ColumnProfile column, int maxCategories) {
		if (column.values() == 0) {
			throw DatasetProblem.unprocessable("Empty column", "Column '" + column.name + "' has no values"
					+ (column.missing() > 0 ? ": all " + column.missing() + " of its cells are missing." : "."))
				.column(column.name)
				.fix("exclude=" + column.name);
		}
		if (column.isNumeric()) {
			return new FeatureEncoder.Numeric(column.index, column.name, column.mean());
		}
		if (column.textCount() < column.values() && column.distinctTexts() <= STRAY_WORDS
				&& column.distinctNumbers() > INTEGER_CLASSES) {
			throw DatasetProblem.unprocessable("Mostly numeric column", "Column '" + column.name + "' holds numbers except for "
					+ column.textCount() + " cell(s) such as '" + column.firstText() + "' (first on line "
					+ column.firstTextLine() + "), so it is neither numeric nor a sensible category.")
				.line(column.firstTextLine())
				.column(column.name)
				.fix("Write missing values as empty cells or NA (then missing=drop or missing=mean), or exclude="
						+ column.name);
		}
		if (column.overflows()) {
			throw tooManyCategories(column, maxCategories);
		}
		return new FeatureEncoder.OneHot(column);
	}

	private static DatasetProblem tooManyCategories(ColumnProfile column, int maxCategories) {
		boolean dates = DATE.matcher(column.firstText()).matches();
		return DatasetProblem.unprocessable("Too many categories", "Column '" + column.name + "' holds text"
				+ (dates ? " that looks like dates (such as '" + column.firstText() + "')" : "")
				+ " with more than " + maxCategories + " distinct values, too many to one-hot encode.")
			.column(column.name)
			.with("maxCategories", maxCategories)
			.fix("exclude=" + column.name + (dates ? " (or turn the dates into numbers, such as day of year, before uploading)"
					: " (or raise lrtune.datasets.max-categories)"));
	}

	private static void checkSomeRowKept(Profile profile) {
		if (profile.rowsKept() > 0) {
			return;
		}
		ColumnProfile target = profile.targetColumn();
		if (profile.rows().mode() == MissingValues.MEAN) {
			throw DatasetProblem.unprocessable("No rows left", "The target '" + target.name + "' is missing in all "
					+ profile.rowsParsed() + " rows, and a row without a target cannot be learnt from.")
				.column(target.name)
				.fix("Choose another target=<column>.");
		}
		ColumnProfile most = mostMissing(profile);
		throw DatasetProblem.unprocessable("No rows left", "Every one of the " + profile.rowsParsed()
				+ " rows has a missing value, so missing=drop leaves none; column '" + most.name + "' alone misses "
				+ most.missing() + ".")
			.column(most.name)
			.fix("exclude=" + most.name + ", or missing=mean");
	}

	private static ColumnProfile mostMissing(Profile profile) {
		ColumnProfile most = null;
		for (ColumnProfile column : profile.columns()) {
			if (column != null && column.missing() > 0 && (most == null || column.missing() > most.missing())) {
				most = column;
			}
		}
		return most;
	}

	private static void checkMissing(Profile profile) {
		ColumnProfile first = null;
		for (ColumnProfile column : profile.columns()) {
			if (column != null && column.missing() > 0
					&& (first == null || column.firstMissingLine() < first.firstMissingLine())) {
				first = column;
			}
		}
		if (first != null && profile.rows().mode() == MissingValues.ERROR) {
			throw DatasetProblem.unprocessable("Missing values", "Column '" + first.name + "' has " + first.missing()
					+ " missing value(s); the first is on line " + first.firstMissingLine() + ". In all, "
					+ profile.rowsWithMissing() + " of " + profile.rowsParsed() + " rows have a missing value.")
				.line(first.firstMissingLine())
				.column(first.name)
				.fix("missing=drop (leaves out the " + profile.rowsWithMissing() + " rows), missing=mean (fills the gaps), "
						+ "or exclude=" + mostMissing(profile).name);
		}
	}

}
