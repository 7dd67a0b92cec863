package dev.lrtune.core.model;

/**
 * The working space of {@link Kernels#product}, owned by one model and reused for every product it computes
 * (grown when a larger product comes, never per call): packed inputs and weight panels for the vector path,
 * row arrays for the plain path, whose loops C2 only vectorises over whole arrays indexed alike.
 */
final class ProductBuffers {

	private double[] packed = new double[0];

	private double[][] bRows = new double[0][];

	private double[][] cRows = new double[0][];

	/** At least {@code length} doubles. */
	double[] packed(int length) {
		if (packed.length < length) {
			packed = new double[length];
		}
		return packed;
	}

	/** At least {@code count} rows of at least {@code width} doubles, for the second operand. */
	double[][] bRows(int count, int width) {
		bRows = rows(bRows, count, width);
		return bRows;
	}

	/** At least {@code count} rows of at least {@code width} doubles, for the outputs. */
	double[][] cRows(int count, int width) {
		cRows = rows(cRows, count, width);
		return cRows;
	}

	private static double[][] rows(double[][] rows, int count, int width) {
		if (rows.length >= count && (count == 0 || rows[0].length >= width)) {
			return rows;
		}
		return new double[Math.max(count, rows.length)][Math.max(width, rows.length == 0 ? 0 : rows[0].length)];
	}

}
