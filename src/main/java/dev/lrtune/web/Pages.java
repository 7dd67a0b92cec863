package dev.lrtune.web;

/** The paging arithmetic every listing shares. */
public final class Pages {

	private Pages() {
	}

	/** How many pages of {@code size} items hold {@code total} items (0 for none). */
	public static int count(long total, int size) {
		if (size < 1) {
			throw new IllegalArgumentException("size must be at least 1, got " + size);
		}
		return Math.toIntExact((total + size - 1) / size);
	}

}
