package dev.lrtune.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.http.MediaType;

import dev.lrtune.web.InvalidRequestException;

/**
 * An upload's bytes as they arrive, read with a limit: a declared length over it is refused before
 * reading, and a body without one is read until the limit is passed.
 *
 * @param fileName the multipart file name, or {@code null}
 * @param charset the declared charset, UTF-8 unless the request says otherwise
 * @param declaredLength the length the request declares, or -1
 */
record Upload(String fileName, Charset charset, long declaredLength, InputStream content) {

	byte[] read(long maxBytes) {
		if (declaredLength > maxBytes) {
			throw DatasetProblem.tooLarge(maxBytes);
		}
		try (InputStream in = content) {
			int limit = (int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1);
			byte[] bytes = declaredLength >= 0 ? readDeclared(in, (int) declaredLength, limit) : in.readNBytes(limit);
			if (bytes.length > maxBytes) {
				throw DatasetProblem.tooLarge(maxBytes);
			}
			return bytes;
		}
		catch (IOException ex) {
			throw DatasetProblem.badRequest("Unreadable upload", "The upload could not be read to its end: " + ex.getMessage())
				.fix("Send the request again.");
		}
	}

	/**
	 * A body of a declared length, read into one array of that length rather than into small buffers copied into one at
	 * the end (twice the body's size, which for an upload of tens of megabytes is garbage the first job pays for).
	 * What the body holds beyond its declared length is read too, up to {@code limit} bytes in all; a shorter body is
	 * returned as it is.
	 */
	private static byte[] readDeclared(InputStream in, int declared, int limit) throws IOException {
		byte[] bytes = new byte[Math.min(declared, limit)];
		int read = in.readNBytes(bytes, 0, bytes.length);
		if (read < bytes.length) {
			return Arrays.copyOf(bytes, read);
		}
		byte[] more = in.readNBytes(limit - read);
		if (more.length == 0) {
			return bytes;
		}
		byte[] all = Arrays.copyOf(bytes, read + more.length);
		System.arraycopy(more, 0, all, read, more.length);
		return all;
	}

	/** The charset a Content-Type declares; UTF-8 when it declares none. */
	static Charset charset(String contentType) {
		if (contentType == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			Charset charset = MediaType.parseMediaType(contentType).getCharset();
			return charset == null ? StandardCharsets.UTF_8 : charset;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("Content-Type", "unknown charset in '" + contentType + "'");
		}
	}

}
