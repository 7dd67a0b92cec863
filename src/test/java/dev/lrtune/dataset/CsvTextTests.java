package dev.lrtune.dataset;

import static dev.lrtune.dataset.Problems.problem;
import static dev.lrtune.dataset.Problems.property;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class CsvTextTests {

	@Test
	void aUtf8ByteOrderMarkIsDropped() {
		byte[] bytes = bytes("\uFEFFa,b\n", StandardCharsets.UTF_8);
		assertThat(CsvText.decode(bytes, StandardCharsets.UTF_8)).hasToString("a,b\n");
	}

	@Test
	void utf8TextKeepsItsCharacters() {
		assertThat(CsvText.decode(bytes("île,Zürich,東京\n", StandardCharsets.UTF_8), StandardCharsets.UTF_8))
			.hasToString("île,Zürich,東京\n");
	}

	@Test
	void asciiTextIsTheSameTextInEveryAsciiCompatibleCharsetWithOrWithoutAUtf8ByteOrderMark() {
		StringBuilder ascii = new StringBuilder("x,y\r\n");
		for (char c = 1; c < 0x80; c++) {
			ascii.append(c);
		}
		String text = ascii.append('\n').toString();
		for (Charset charset : new Charset[] { StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
				StandardCharsets.ISO_8859_1 }) {
			assertThat(CsvText.decode(text.getBytes(charset), charset)).hasToString(text);
		}
		assertThat(CsvText.decode(bytes("\uFEFF" + text, StandardCharsets.UTF_8), StandardCharsets.UTF_8)).hasToString(text);
	}

	@Test
	void aByteAbove0x7FInAnAsciiCompatibleCharsetIsDecodedAsThatCharsetSays() {
		byte[] latin1 = { 'a', ',', (byte) 0xE9, '\n' };
		assertThat(CsvText.decode(latin1, StandardCharsets.ISO_8859_1)).hasToString("a,\u00E9\n");
		assertThat(problem(() -> CsvText.decode(latin1, StandardCharsets.US_ASCII)).getDetail()).contains("Byte 3 (0xE9)");
	}

	@Test
	void aDeclaredCharsetIsHonoured() {
		Charset windows1252 = Charset.forName("windows-1252");
		assertThat(CsvText.decode(bytes("café,1\n", windows1252), windows1252)).hasToString("café,1\n");
	}

	@Test
	void aUtf16ByteOrderMarkWinsOverTheDeclaredCharset() {
		byte[] bytes = bytes("\uFEFFa,b\n1,2\n", StandardCharsets.UTF_16LE);
		assertThat(CsvText.decode(bytes, StandardCharsets.UTF_8)).hasToString("a,b\n1,2\n");
	}

	@Test
	void nulBytesAreA400SayingTheUploadIsNotText() {
		ProblemDetail problem = problem(() -> CsvText.decode(new byte[] { 'a', '\n', 'b', 0, 'c' }, StandardCharsets.UTF_8));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Not a text file");
		assertThat(property(problem, "line")).isEqualTo(2L);
		assertThat((String) property(problem, "fix")).contains("CSV");
	}

	@Test
	void anExcelWorkbookIsNamedAsSuch() {
		ProblemDetail problem = problem(() -> CsvText.decode(new byte[] { 'P', 'K', 3, 4, 20, 0, 6, 0 }, StandardCharsets.UTF_8));
		assertThat(problem.getDetail()).contains("Excel");
	}

	@Test
	void invalidUtf8IsA400NamingTheLineAndTheByte() {
		byte[] bytes = { 'a', ',', 'b', '\n', '1', ',', (byte) 0xE9, '\n' };
		ProblemDetail problem = problem(() -> CsvText.decode(bytes, StandardCharsets.UTF_8));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(property(problem, "line")).isEqualTo(2L);
		assertThat(problem.getDetail()).contains("Byte 7", "0xE9", "UTF-8");
		assertThat((String) property(problem, "fix")).contains("charset=");
	}

	private static byte[] bytes(String text, Charset charset) {
		return text.getBytes(charset);
	}

}
