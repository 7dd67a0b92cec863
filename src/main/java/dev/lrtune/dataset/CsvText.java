package dev.lrtune.dataset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns an upload's bytes into text, or says why they are not text. UTF-8 unless the request declares
 * another charset; a UTF-16 byte-order mark wins over both (Excel's "Unicode text" export); a UTF-8
 * BOM is dropped. NUL bytes mean a binary file (a spreadsheet, an archive), and bytes that are not
 * valid in the charset are refused rather than replaced, with the line they are on.
 */
final class CsvText {

	private CsvText() {
	}

	static String decode(byte[] bytes, Charset declared) {
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
		String text = asciiCompatible(declared) && isAscii(bytes, offset) ? asciiText(bytes, offset)
				: decodeStrictly(bytes, offset, declared);
		return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
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

	/**
	 * Bytes all below 0x80, in a charset where they are ASCII: the same text as the decoder's, made in one copy of the
	 * bytes. The decoder fills a buffer of two bytes a character, which the string then compacts into a third copy:
	 * for a 36 MB upload, 108 MB of short-lived arrays.
	 */
	private static String asciiText(byte[] bytes, int offset) {
		return new String(bytes, offset, bytes.length - offset, StandardCharsets.ISO_8859_1);
	}

	private static String decodeStrictly(byte[] bytes, int offset, Charset charset) {
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
		return out.flip().toString();
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
