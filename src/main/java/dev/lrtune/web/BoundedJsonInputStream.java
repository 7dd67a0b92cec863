package dev.lrtune.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON body that fails as soon as it passes {@code maxBytes} bytes or nests objects and arrays deeper than
 * {@code maxDepth}, before the parser sees the offending bytes. Depth is counted from the bytes: brackets and braces
 * outside strings (UTF-8 never puts {@code "}, {@code \}, {@code [} or <code>{</code> inside a multi-byte character).
 * Malformed JSON is left for the parser to report.
 */
final class BoundedJsonInputStream extends FilterInputStream {

	private final long maxBytes;

	private final int maxDepth;

	private long read;

	private int depth;

	private boolean inString;

	private boolean escaped;

	BoundedJsonInputStream(InputStream in, long maxBytes, int maxDepth) {
		super(in);
		this.maxBytes = maxBytes;
		this.maxDepth = maxDepth;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			count(1);
			scan((byte) b);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			count(n);
			for (int i = offset; i < offset + n; i++) {
				scan(buffer[i]);
			}
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		// Skipped bytes would escape the depth count; read them instead.
		byte[] discard = new byte[(int) Math.min(8192, Math.max(0, n))];
		int skipped = read(discard, 0, discard.length);
		return Math.max(0, skipped);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void count(int n) throws JsonBodyLimitException {
		read += n;
		if (read > maxBytes) {
			throw JsonBodyLimitException.tooLarge(maxBytes);
		}
	}

	private void scan(byte b) throws JsonBodyLimitException {
		if (inString) {
			if (escaped) {
				escaped = false;
			}
			else if (b == '\\') {
				escaped = true;
			}
			else if (b == '"') {
				inString = false;
			}
			return;
		}
		switch (b) {
			case '"' -> inString = true;
			case '{', '[' -> {
				if (++depth > maxDepth) {
					throw JsonBodyLimitException.tooDeep(maxDepth);
				}
			}
			case '}', ']' -> depth--;
			default -> {
			}
		}
	}

}
