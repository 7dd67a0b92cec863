package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "NA", "na", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A", "<NA>", "?" })
	void theseCellsAreMissing(String cell) {
		assertThat(Cells.isMissing(cell)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "n", "NAN!", "none of it", "-" })
	void theseCellsAreNotMissing(String cell) {
		assertThat(Cells.isMissing(cell)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "-2", "+3.5", ".5", "3.", "1e3", "-1.5E-3", "007" })
	void theseCellsAreNumbers(String cell) {
		assertThat(Cells.number(cell)).isEqualTo(Double.parseDouble(cell));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1f", "1d", "0x10", "Infinity", "inf", "1,234", "1e", "e3", ".", "-", "1 2", "1e999" })
	void theseCellsAreNotNumbers(String cell) {
		assertThat(Cells.number(cell)).isNaN();
	}

	@ParameterizedTest
	@ValueSource(doubles = { 3, -0.0, 0.25, 1e20 })
	void numericLabelsReadAsPeopleWriteThem(double value) {
		assertThat(Cells.label(value)).isEqualTo(switch (Double.toString(value)) {
			case "3.0" -> "3";
			case "-0.0" -> "0";
			default -> Double.toString(value);
		});
	}

}
