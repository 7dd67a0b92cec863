package dev.lrtune.dataset;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV upload into a dataset in two passes over its text ({@link CsvText}, the upload's own bytes when they are
 * ASCII): the first profiles the columns ({@link DatasetProfiler}), then the encoding is planned and checked
 * ({@link Encoding}), and the second pass writes the matrix, so nothing but the upload and the final arrays is held in
 * memory. Both passes read a cell in place ({@link CsvRecord}) and parse a number from its characters: a String is
 * made only for a distinct value the profile remembers (up to the category cap per column), a header name, or a
 * message.
 */
final class CsvDatasetReader {

	private final int maxCategories;

	private final long maxValues;

	private final int maxColumns;

	CsvDatasetReader(int maxCategories, long maxValues) {
		this(maxCategories, maxValues, DatasetSettings.DEFAULT_MAX_COLUMNS);
	}

	CsvDatasetReader(int maxCategories, long maxValues, int maxColumns) {
		this.maxCategories = maxCategories;
		this.maxValues = maxValues;
		this.maxColumns = maxColumns;
	}

	ParsedDataset read(byte[] bytes, Charset charset, UploadOptions options) {
		return read(CsvText.decode(bytes, charset), options);
	}

	private ParsedDataset read(CsvText text, UploadOptions options) {
		Profile profile = new DatasetProfiler(maxCategories, maxColumns).profile(text, options);
		Encoding encoding = Encoding.plan(profile, options.task(), maxCategories, maxValues);
		double[] features = new double[encoding.rows() * encoding.cols()];
		double[] targets = new double[encoding.rows()];
		write(text, profile, encoding, features, targets);
		TargetEncoder target = encoding.target();
		return new ParsedDataset(profile.header().name(profile.target()), target.task(), target.classes(),
				encoding.featureNames(), encoding.rows(), profile.rowsParsed(), features, targets, summaries(profile));
	}

	private static void write(CsvText text, Profile profile, Encoding encoding, double[] features, double[] targets) {
		CsvReader reader = new CsvReader(text);
		reader.next();
		int row = 0;
		for (CsvRecord record = reader.nextRecord(); record != null; record = reader.nextRecord()) {
			record.trim();
			if (!profile.rows().keeps(record)) {
				continue;
			}
			int offset = row * encoding.cols();
			for (FeatureEncoder feature : encoding.features()) {
				offset = feature.write(record, features, offset);
			}
			targets[row++] = encoding.target().encode(record, profile.target());
		}
		if (row != encoding.rows()) {
			throw new IllegalStateException("second pass kept " + row + " rows, first pass " + encoding.rows());
		}
	}

	private static List<ColumnSummary> summaries(Profile profile) {
		List<ColumnSummary> summaries = new ArrayList<>(profile.header().size());
		for (int i = 0; i < profile.header().size(); i++) {
			ColumnProfile column = profile.columns()[i];
			summaries.add(column == null ? ColumnSummary.excluded(profile.header().name(i)) : column.summary());
		}
		return List.copyOf(summaries);
	}

}
