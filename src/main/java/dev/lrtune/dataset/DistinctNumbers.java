package dev.lrtune.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of doubles that boxes none, for a column's distinct numbers: a {@code HashSet<Double>} made a {@code Double}
 * for every cell of a column of few values (0/1 labels) just to find it there. Values are equal as
 * {@link Double#equals} has them (by their bits); NaN is never added. Open addressing with linear probing.
 */
final class DistinctNumbers {

	/** A free slot: NaN's bits, which no value added has. */
	private static final long FREE = Double.doubleToLongBits(Double.NaN);

	private long[] slots = newSlots(16);

	private int size;

	int size() {
		return size;
	}

	/** @param value not NaN */
	void add(double value) {
		if (2 * (size + 1) > slots.length) {
			grow();
		}
		if (insert(slots, Double.doubleToLongBits(value))) {
			size++;
		}
	}

	/** The values in ascending order. */
	List<Double> sorted() {
		double[] values = new double[size];
		int n = 0;
		for (long bits : slots) {
			if (bits != FREE) {
				values[n++] = Double.longBitsToDouble(bits);
			}
		}
		Arrays.sort(values);
		List<Double> sorted = new ArrayList<>(size);
		for (double value : values) {
			sorted.add(value);
		}
		return sorted;
	}

	private void grow() {
		long[] larger = newSlots(slots.length * 2);
		for (long bits : slots) {
			if (bits != FREE) {
				insert(larger, bits);
			}
		}
		slots = larger;
	}

	private static boolean insert(long[] slots, long bits) {
		int mask = slots.length - 1;
		for (int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 32) & mask;; slot = (slot + 1) & mask) {
			if (slots[slot] == bits) {
				return false;
			}
			if (slots[slot] == FREE) {
				slots[slot] = bits;
				return true;
			}
		}
	}

	private static long[] newSlots(int length) {
		long[] slots = new long[length];
		Arrays.fill(slots, FREE);
		return slots;
	}

}
