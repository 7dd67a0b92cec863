package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class UploadTests {

	private static final byte[] BODY = "x,y\n1,2\n3,4\n".getBytes(StandardCharsets.US_ASCII);

	private static Upload upload(long declaredLength) {
		return new Upload(null, StandardCharsets.UTF_8, declaredLength, new ByteArrayInputStream(BODY));
	}

	@Test
	void readsTheWholeBodyWhateverItsDeclaredLengthSays() {
		assertThat(upload(BODY.length).read(100)).containsExactly(BODY);
		assertThat(upload(-1).read(100)).containsExactly(BODY);
		assertThat(upload(5).read(100)).containsExactly(BODY);
		assertThat(upload(0).read(100)).containsExactly(BODY);
		assertThat(upload(BODY.length + 10).read(100)).containsExactly(BODY);
	}

	@Test
	void aBodyOverTheLimitIsRefusedWhetherOrNotItsDeclaredLengthSaysSo() {
		assertThat(upload(BODY.length).read(BODY.length)).containsExactly(BODY);
		for (long declared : new long[] { -1, 5, BODY.length }) {
			assertThatThrownBy(() -> upload(declared).read(BODY.length - 1))
				.isInstanceOfSatisfying(ErrorResponseException.class,
						ex -> assertThat(ex.getStatusCode().value()).isEqualTo(413));
		}
	}

}
