package dev.lrtune.dataset;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

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
@Schema(description = "One column of the uploaded file as it was read, with its statistics.")
record ColumnSummary(@Schema(description = "The header name") String name,
		@Schema(description = "How the column is used", allowableValues = { "numeric", "categorical", "excluded" }) String kind,
		@Schema(description = "Missing cells over all parsed rows; absent for an excluded column") Long missing,
		@Schema(description = "numeric: smallest value of the rows kept") Double min,
		@Schema(description = "numeric: largest value of the rows kept") Double max,
		@Schema(description = "numeric: mean of the rows kept, before missing=mean filling") Double mean,
		@Schema(description = "numeric: population standard deviation (ddof 0)") Double std,
		@Schema(description = "categorical: number of distinct values") Integer distinct,
		@Schema(description = "categorical: the values in one-hot order (sorted)") List<String> categories) {

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
