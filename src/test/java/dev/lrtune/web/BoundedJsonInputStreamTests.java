package dev.lrtune.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BoundedJsonInputStreamTests {

	@Test
	void aBodyOfExactlyTheLimitIsReadWholeAndOneByteMoreIsRefused() throws IOException {
		assertThat(readAll(stream("[1,2]", 5, 10))).isEqualTo("[1,2]");
		assertThatThrownBy(() -> readAll(stream("[1,22]", 5, 10))).isInstanceOf(JsonBodyLimitException.class)
			.hasMessageContaining("larger than the 5 bytes")
			.extracting(ex -> ((JsonBodyLimitException) ex).limit())
			.isEqualTo(JsonBodyLimitException.Limit.SIZE);
	}

	@Test
	void nestingIsCountedAcrossObjectsAndArraysAndUnwindsOnClose() throws IOException {
		assertThat(readAll(stream("{\"a\":[{}],\"b\":[[]]}", 100, 3))).isNotEmpty();
		assertThatThrownBy(() -> readAll(stream("{\"a\":[{\"b\":[]}]}", 100, 3)))
			.isInstanceOf(JsonBodyLimitException.class)
			.hasMessageContaining("more than 3 deep");
	}

	@Test
	void bracketsInsideStringsDoNotCountEvenAfterEscapedQuotesAndBackslashes() throws IOException {
		String json = "{\"a\":\"[[[[\\\"[[[[\\\\\",\"b\":\"{{{{\"}";
		assertThat(readAll(stream(json, 100, 1))).isEqualTo(json);
	}

	@Test
	void byteByByteReadsAreCountedToo() {
		InputStream in = stream("[[[1]]]", 100, 2);
		assertThatThrownBy(() -> {
			while (in.read() >= 0) {
				// reading one byte at a time
			}
		}).isInstanceOf(JsonBodyLimitException.class).hasMessageContaining("more than 2 deep");
	}

	private static InputStream stream(String json, long maxBytes, int maxDepth) {
		return new BoundedJsonInputStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), maxBytes,
				maxDepth);
	}

	private static String readAll(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

}
