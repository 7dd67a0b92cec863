package dev.lrtune.web;

/**
 * How much of a client's own input an answer repeats. A rejected value is quoted at most {@link #MAX_VALUE}
 * characters long (the rest becomes "…"), with control characters written as escapes, so a 4 MB enum value or a
 * line break in a header never makes a 4 MB or multi-line problem; a whole message is capped at
 * {@link #MAX_MESSAGE}.
 */
public final class Echo {

	/** The longest part of a client's value an answer repeats. */
	public static final int MAX_VALUE = 200;

	/** The longest {@code detail} or field message a problem carries. */
	public static final int MAX_MESSAGE = 2000;

	private static final String ELLIPSIS = "…";

	private Echo() {
	}

	/** A client's value as an answer may quote it: at most {@link #MAX_VALUE} characters, controls escaped. */
	public static String value(Object value) {
		return bound(String.valueOf(value), MAX_VALUE);
	}

	/** A whole message, at most {@link #MAX_MESSAGE} characters. */
	public static String message(String message) {
		return message == null ? null : bound(message, MAX_MESSAGE);
	}

	static String bound(String text, int max) {
		boolean cut = text.length() > max;
		int end = cut ? max : text.length();
		if (cut && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		StringBuilder bounded = new StringBuilder(end + 8);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				bounded.append(String.format("\\u%04x", (int) c));
			}
			else {
				bounded.append(c);
			}
		}
		return cut ? bounded.append(ELLIPSIS).toString() : bounded.toString();
	}

}
