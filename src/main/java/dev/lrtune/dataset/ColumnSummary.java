package dev.lrtune.dataset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One column of an upload as it was read. {@code missing} counts the column's missing cells over all
 * parsed rows; the statistics describe the non-missing values of the rows the dataset keeps, before
 * any {@code missing=mean} filling. {@code std} is the population standard deviation (ddof 0, as
 * scikit-learn's StandardScaler). Categories are listed in their one-hot order (sorted).
 *
 * @param name the header name
 * @param kind {@code numeric}, {@code categorical} or {@code excluded}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ColumnSummary(String name, String kind, Long missing, Double min, Double max, Double mean, Double std,
		Integer distinct, List<String> categories) {

	static ColumnSummary numeric(String name, long missing, double min, double max, double mean, double std) {
		return new ColumnSummary(name, "numeric", missing, min, max, mean, std, null, null);
	}

	static ColumnSummary categorical(String name, long missing, List<String> categories) {
		return new ColumnSummary(name, "categorical", missing, null, null, null, null, categories.size(),
				List.copyOf(categories));
	}

	static ColumnSummary excluded(String name) {
		return new ColumnSummary(name, "excluded", null, null, null, null, null, null, null);
	}

}
