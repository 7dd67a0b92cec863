package dev.lrtune.dataset;

import java.util.Arrays;

/**
 * Distinct texts, each numbered in the order it was added, looked up by a field of a {@link CsvRecord} without making
 * a {@code String} of it: a String is made only for a text added. Open addressing with linear probing; the hash is
 * {@link String#hashCode()}'s, computed over the span ({@link CsvText#hash(int, int)}).
 */
final class SpanTable {

	private String[] keys = new String[16];

	private int[] entries = new int[16];

	private String[] added = new String[8];

	private int size;

	int size() {
		return size;
	}

	/** The text added as entry {@code entry}. */
	String key(int entry) {
		return added[entry];
	}

	/** The entry of the record's field, or -1. */
	int indexOf(CsvRecord record, int field) {
		CsvText source = record.source(field);
		int start = record.start(field);
		int length = record.end(field) - start;
		int mask = keys.length - 1;
		for (int slot = spread(source.hash(start, start + length)) & mask;; slot = (slot + 1) & mask) {
			String key = keys[slot];
			if (key == null) {
				return -1;
			}
			if (key.length() == length && source.matches(start, key)) {
				return entries[slot];
			}
		}
	}

	/** The entry of {@code text}, or -1. */
	int indexOf(String text) {
		int mask = keys.length - 1;
		for (int slot = spread(text.hashCode()) & mask;; slot = (slot + 1) & mask) {
			String key = keys[slot];
			if (key == null) {
				return -1;
			}
			if (key.equals(text)) {
				return entries[slot];
			}
		}
	}

	/** Adds a text not in the table yet and returns its entry. */
	int add(String text) {
		if (2 * (size + 1) > keys.length) {
			grow();
		}
		put(text, size);
		if (size == added.length) {
			added = Arrays.copyOf(added, size * 2);
		}
		added[size] = text;
		return size++;
	}

	private void put(String text, int entry) {
		int mask = keys.length - 1;
		int slot = spread(text.hashCode()) & mask;
		while (keys[slot] != null) {
			slot = (slot + 1) & mask;
		}
		keys[slot] = text;
		entries[slot] = entry;
	}

	private void grow() {
		keys = new String[keys.length * 2];
		entries = new int[entries.length * 2];
		for (int entry = 0; entry < size; entry++) {
			put(added[entry], entry);
		}
	}

	/** Mixes the high bits into the low ones, which pick the slot (as {@code HashMap} does). */
	private static int spread(int hash) {
		return hash ^ (hash >>> 16);
	}

}
