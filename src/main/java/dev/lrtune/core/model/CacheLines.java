package dev.lrtune.core.model;

import java.lang.reflect.Field;

/**
 * Where a {@code double[]}'s elements fall on 64-byte cache lines, so that a packed weight panel can start on
 * one. A 512-bit load that does not start on a line reads two lines, and on some CPUs (an Intel Sapphire Rapids
 * measured) the products' tiles, which load three such vectors per inner term from the panel, then ran at
 * 57–60 instead of 72–74 GFLOP/s. Java does not place an array on a line (only on 8 bytes) nor say where it
 * lies, so the address is read with {@code sun.misc.Unsafe} (the array's reference, decoded) when the JVM
 * offers it, every time a product starts: the collector may have moved the array since.
 *
 * <p>Only the speed depends on it: where a panel starts changes no arithmetic. When the address cannot be
 * read, or its decoding is not recognised, {@link #firstOnLine} answers 0, the panel's place before.
 */
final class CacheLines {

	private static final sun.misc.Unsafe UNSAFE = unsafe();

	private static final long REFERENCES = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(Object[].class);

	private static final long DOUBLES = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(double[].class);

	/** How a reference read from an {@code Object[]} becomes an address: bits shifted left (−1: unknown). */
	private static final int SHIFT = UNSAFE == null ? -1 : shift();

	/** Holds the array whose reference is read, one per thread (nothing allocated per call). */
	private static final ThreadLocal<Object[]> HOLDER = ThreadLocal.withInitial(() -> new Object[1]);

	private CacheLines() {
	}

	/** The least index in [0, 8) whose element starts a 64-byte line; 0 when unknown. */
	static int firstOnLine(double[] array) {
		if (SHIFT < 0) {
			return 0;
		}
		long address = address(array) + DOUBLES;
		return (int) ((-address >> 3) & 7);
	}

	private static long address(Object object) {
		Object[] holder = HOLDER.get();
		holder[0] = object;
		long reference = UNSAFE.arrayIndexScale(Object[].class) == 8 ? UNSAFE.getLong(holder, REFERENCES)
				: (UNSAFE.getInt(holder, REFERENCES) & 0xffffffffL) << SHIFT;
		holder[0] = null;
		return reference;
	}

	/**
	 * The shift of compressed references (0 when they are addresses, as for a heap below 4 GB, else 3 for
	 * 8-byte object alignment), found from two arrays of 24 bytes allocated one after the other, which lie 24
	 * bytes apart: their references then differ by 24 >> shift. The heap's base, when references are offsets
	 * from one, is aligned far beyond 64 bytes. −1 when no try agrees.
	 */
	private static int shift() {
		if (UNSAFE.arrayIndexScale(Object[].class) == 8) {
			return 0;
		}
		Object[] holder = new Object[2];
		for (int attempt = 0; attempt < 8; attempt++) {
			holder[0] = new long[1];
			holder[1] = new long[1];
			long first = UNSAFE.getInt(holder, REFERENCES) & 0xffffffffL;
			long second = UNSAFE.getInt(holder, REFERENCES + UNSAFE.arrayIndexScale(Object[].class)) & 0xffffffffL;
			long apart = second - first;
			if (apart == 24 || apart == 3) {
				return apart == 24 ? 0 : 3;
			}
		}
		return -1;
	}

	private static sun.misc.Unsafe unsafe() {
		try {
			Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			return (sun.misc.Unsafe) field.get(null);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

}
