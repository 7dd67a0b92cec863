package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanTableTests {

	@Test
	void findsAFieldByItsTextWithoutMakingAString() {
		SpanTable table = new SpanTable();
		table.add("Adelie");
		table.add("Gentoo");
		CsvRecord record = record("x, Gentoo ,Adeli,Adelies,\"Adelie\"");
		record.trim();

		assertThat(table.indexOf(record, 1)).isEqualTo(1);
		assertThat(table.indexOf(record, 2)).isEqualTo(-1);
		assertThat(table.indexOf(record, 3)).isEqualTo(-1);
		assertThat(table.indexOf(record, 4)).isZero();
		assertThat(table.indexOf("Gentoo")).isEqualTo(1);
		assertThat(table.key(0)).isEqualTo("Adelie");
	}

	@Test
	void numbersEntriesInOrderOfAdditionAsItGrows() {
		SpanTable table = new SpanTable();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < 1000; i++) {
			assertThat(table.add("v" + i)).isEqualTo(i);
			line.append(i == 0 ? "" : ",").append('v').append(i);
		}
		CsvRecord record = record(line + ",v1000,\"v1\"\"\"");

		assertThat(table.size()).isEqualTo(1000);
		for (int i = 0; i < 1000; i++) {
			assertThat(table.indexOf(record, i)).isEqualTo(i);
			assertThat(table.indexOf("v" + i)).isEqualTo(i);
		}
		assertThat(table.indexOf(record, 1000)).isEqualTo(-1);
		assertThat(table.indexOf(record, 1001)).isEqualTo(-1);
		table.add("v1\"");
		assertThat(table.indexOf(record, 1001)).isEqualTo(1000);
	}

	private static CsvRecord record(String line) {
		return new CsvReader(line + "\n").nextRecord();
	}

}
