package dev.lrtune.dataset;

import static dev.lrtune.dataset.Problems.problem;
import static dev.lrtune.dataset.Problems.property;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class CsvReaderTests {

	@Test
	void readsPlainRecordsSeparatedByLf() {
		assertThat(records("a,b\n1,2\n3,4\n")).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
	}

	@Test
	void readsCrlfAndLoneCrLineBreaks() {
		assertThat(records("a,b\r\n1,2\r3,4")).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
	}

	@Test
	void quotedFieldsMayHoldCommasLineBreaksAndDoubledQuotes() {
		assertThat(records("name,note\n\"Smith, J.\",\"line one\r\nline two\"\n\"say \"\"hi\"\"\",x\n"))
			.containsExactly(List.of("name", "note"), List.of("Smith, J.", "line one\r\nline two"),
					List.of("say \"hi\"", "x"));
	}

	@Test
	void aRecordThatSpansLinesReportsTheLineItStartsOn() {
		CsvReader reader = new CsvReader("a,b\n\"1\n\n\",2\n3,4\n");
		reader.next();
		reader.next();
		assertThat(reader.line()).isEqualTo(2);
		reader.next();
		assertThat(reader.line()).isEqualTo(5);
	}

	@Test
	void blankLinesAreSkippedButCountedAsLines() {
		CsvReader reader = new CsvReader("a,b\n\n   \n1,2\n\n");
		reader.next();
		assertThat(reader.next()).containsExactly("1", "2");
		assertThat(reader.line()).isEqualTo(4);
		assertThat(reader.next()).isNull();
	}

	@Test
	void emptyFieldsAndATrailingCommaAreEmptyStrings() {
		assertThat(records("a,,c,\n")).containsExactly(List.of("a", "", "c", ""));
	}

	@Test
	void aRecordsFieldsAreSpansTrimmedAsStringsAre() {
		CsvRecord record = new CsvReader(" a ,\" b\"\"c \",\t,\"\" \n").nextRecord();

		assertThat(record.texts()).containsExactly(" a ", " b\"c ", "\t", "");
		record.trim();
		assertThat(record.texts()).containsExactly("a", "b\"c", "", "");
		assertThat(record.holds(1, "b\"c")).isTrue();
		assertThat(record.holds(0, "a ")).isFalse();
		assertThat(record.isMissing(2)).isTrue();
	}

	@Test
	void spacesBeforeAnOpeningQuoteAreSkipped() {
		assertThat(records("1, \"x, y\" ,3")).containsExactly(List.of("1", "x, y", "3"));
	}

	@Test
	void aQuoteInsideAnUnquotedFieldIsKeptAsACharacter() {
		assertThat(records("height\n5'3\"\n")).containsExactly(List.of("height"), List.of("5'3\""));
	}

	@Test
	void anUnterminatedQuoteIsA400NamingTheLineItStartsOnAndTheColumn() {
		CsvReader reader = new CsvReader("a,b\n1,2\n3,\"oops\n4,5\n");
		reader.nameColumns(List.of("a", "b"));
		reader.next();
		reader.next();
		ProblemDetail problem = problem(reader::next);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Malformed CSV");
		assertThat(property(problem, "line")).isEqualTo(3L);
		assertThat(property(problem, "column")).isEqualTo("b");
		assertThat(problem.getDetail()).contains("never closed");
		assertThat((String) property(problem, "fix")).contains("\"\"");
	}

	@Test
	void aCharacterAfterAClosingQuoteIsA400NamingTheLine() {
		CsvReader reader = new CsvReader("a,b\n\"x\"y,2\n");
		reader.next();
		ProblemDetail problem = problem(reader::next);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(property(problem, "line")).isEqualTo(2L);
		assertThat(problem.getDetail()).contains("'y'");
	}

	private static List<List<String>> records(String text) {
		CsvReader reader = new CsvReader(text);
		List<List<String>> records = new ArrayList<>();
		for (String[] record = reader.next(); record != null; record = reader.next()) {
			records.add(List.of(record));
		}
		return records;
	}

}
