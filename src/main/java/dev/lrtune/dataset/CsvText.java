package dev.lrtune.dataset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An upload's text, or why its bytes are not text. UTF-8 unless the request declares another charset; a UTF-16
 * byte-order mark wins over both (Excel's "Unicode text" export); a UTF-8 BOM is dropped. NUL bytes mean a binary file
 * (a spreadsheet, an archive), and bytes that are not valid in the charset are refused rather than replaced, with the
 * line they are on.
 * <p>
 * Bytes all below 0x80 in an ASCII-compatible charset (nearly every CSV) are read where they are, one byte a
 * character: no copy of the upload is made, which for a 32 MB upload is a 32 MB array less, allocated and collected.
 * Other text is decoded once into characters, which are read where the decoder wrote them.
 */
abstract sealed class CsvText {

	/** Where the text starts in its array (after a byte-order mark). */
	final int offset;

	final int length;

	private CsvText(int offset, int length) {
		this.offset = offset;
		this.length = length;
	}

	/** The upload's bytes, read as the characters they are. */
	private static final class Bytes extends CsvText {

		private final byte[] bytes;

		Bytes(byte[] bytes, int offset, int length) {
			super(offset, length);
			this.bytes = bytes;
		}

		@Override
		char charAt(int index) {
			return (char) (bytes[offset + index] & 0xFF);
		}

		@Override
		String substring(int from, int to) {
			return new String(bytes, offset + from, to - from, StandardCharsets.ISO_8859_1);
		}

		@Override
		CsvText from(int start) {
			return new Bytes(bytes, offset + start, length - start);
		}

	}

	/** Decoded characters, read where the decoder wrote them. */
	private static final class Chars extends CsvText {

		private final char[] chars;

		Chars(char[] chars, int offset, int length) {
			super(offset, length);
			this.chars = chars;
		}

		@Override
		char charAt(int index) {
			return chars[offset + index];
		}

		@Override
		String substring(int from, int to) {
			return new String(chars, offset + from, to - from);
		}

		@Override
		CsvText from(int start) {
			return new Chars(chars, offset + start, length - start);
		}

	}

	/** Text that is already a String: a header's or a quoted field's, or a test's; bytes when it is Latin-1. */
	static CsvText of(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0xFF) {
				return new Chars(text.toCharArray(), 0, text.length());
			}
		}
		return new Bytes(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
	}

	int length() {
		return length;
	}

	abstract char charAt(int index);

	abstract String substring(int from, int to);

	/** The text from {@code start} on. */
	abstract CsvText from(int start);

	/** The first index of {@code c} at or after {@code from}, or -1. */
	int indexOf(char c, int from) {
		for (int i = from; i < length; i++) {
			if (charAt(i) == c) {
				return i;
			}
		}
		return -1;
	}

	/** Appends the characters from {@code from} to {@code to}. */
	void appendTo(StringBuilder builder, int from, int to) {
		for (int i = from; i < to; i++) {
			builder.append(charAt(i));
		}
	}

	/** Copies the characters from {@code from} to {@code to} into {@code destination}, from its start. */
	void getChars(int from, int to, char[] destination) {
		for (int i = from; i < to; i++) {
			destination[i - from] = charAt(i);
		}
	}

	/** Whether the characters from {@code from} on are {@code text}'s. */
	boolean matches(int from, String text) {
		if (from + text.length() > length) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (charAt(from + i) != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** {@link String#hashCode()} of the characters from {@code from} to {@code to}. */
	int hash(int from, int to) {
		int hash = 0;
		for (int i = from; i < to; i++) {
			hash = 31 * hash + charAt(i);
		}
		return hash;
	}

	@Override
	public String toString() {
		return substring(0, length);
	}

	static CsvText decode(byte[] bytes, Charset declared) {
		if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
			return decodeStrictly(bytes, 2, StandardCharsets.UTF_16BE);
		}
		if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
			return decodeStrictly(bytes, 2, StandardCharsets.UTF_16LE);
		}
		rejectBinary(bytes);
		boolean utf8Bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
				&& (bytes[2] & 0xFF) == 0xBF;
		int offset = utf8Bom ? 3 : 0;
		CsvText text = asciiCompatible(declared) && isAscii(bytes, offset) ? new Bytes(bytes, offset, bytes.length - offset)
				: decodeStrictly(bytes, offset, declared);
		return text.length > 0 && text.charAt(0) == '\uFEFF' ? text.from(1) : text;
	}

	private static void rejectBinary(byte[] bytes) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				throw DatasetProblem.badRequest("Not a text file", "The upload is not text: it contains a NUL byte at byte "
						+ (i + 1) + (looksLike(bytes).isEmpty() ? "" : "; it looks like " + looksLike(bytes)) + ".")
					.line(lineOf(bytes, i))
					.fix("Upload the data as a CSV text file (in a spreadsheet: File > Save as > CSV UTF-8).");
			}
		}
	}

	private static String looksLike(byte[] b) {
		if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
			return "a ZIP archive or an Excel workbook (.xlsx)";
		}
		if (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
			return "a gzip-compressed file";
		}
		if (b.length >= 4 && (b[0] & 0xFF) == 0xD0 && (b[1] & 0xFF) == 0xCF && b[2] == 0x11) {
			return "an old Excel workbook (.xls)";
		}
		if (b.length >= 4 && b[0] == 'P' && b[1] == 'A' && b[2] == 'R' && b[3] == '1') {
			return "a Parquet file";
		}
		return "";
	}

	/** Charsets in which every byte below 0x80 is the ASCII character of that code, and nothing else is. */
	private static boolean asciiCompatible(Charset charset) {
		return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
				|| charset.equals(StandardCharsets.ISO_8859_1);
	}

	private static boolean isAscii(byte[] bytes, int offset) {
		for (int i = offset; i < bytes.length; i++) {
			if (bytes[i] < 0) {
				return false;
			}
		}
		return true;
	}

	private static CsvText decodeStrictly(byte[] bytes, int offset, Charset charset) {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
		CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
				(long) (in.remaining() * (double) decoder.maxCharsPerByte()) + 16));
		CoderResult result = decoder.decode(in, out, true);
		if (result.isUnderflow()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			throw notInCharset(bytes, in.position(), charset);
		}
		if (result.isOverflow()) {
			throw new IllegalStateException("decoder output buffer too small");
		}
		return new Chars(out.array(), 0, out.position());
	}

	private static DatasetProblem notInCharset(byte[] bytes, int position, Charset charset) {
		return DatasetProblem.badRequest("Not a text file",
				"Byte " + (position + 1) + " (0x" + Integer.toHexString(bytes[position] & 0xFF).toUpperCase()
						+ ") is not valid " + charset.name() + " text.")
			.line(lineOf(bytes, position))
			.fix("Save the file as UTF-8 (in a spreadsheet: CSV UTF-8), or declare its encoding in the request, "
					+ "e.g. Content-Type: text/csv; charset=windows-1252.");
	}

	/** 1-based line of a byte offset; good for ASCII-compatible charsets, where newline is one 0x0A byte. */
	private static long lineOf(byte[] bytes, int position) {
		long line = 1;
		for (int i = 0; i < position; i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

}
