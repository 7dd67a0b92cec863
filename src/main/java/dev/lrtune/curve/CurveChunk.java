package dev.lrtune.curve;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Up to {@link #SIZE} consecutive iterations of a curve, starting at a multiple of {@link #SIZE}: the row
 * layout of {@code curve_chunks}. Fixed boundaries make a point's chunk a function of its iteration, so a
 * re-run overwrites the same rows and can never duplicate a point.
 *
 * @param firstIteration the iteration of the first point, a multiple of {@link #SIZE}
 * @param count the points held, 1..{@link #SIZE}
 * @param lr the learning rate of each point ({@code count} used entries)
 * @param loss the training loss of each point, NaN/∞ where it diverged
 * @param momentum the cycled momentum of each point, or {@code null} when the schedule does not cycle it
 */
public record CurveChunk(long firstIteration, int count, double[] lr, double[] loss, double[] momentum) {

	/** Points per chunk: 4096 points are 64 KiB of lr and loss, ~50 rows for a 200,000-iteration job. */
	public static final int SIZE = 4096;

	/** The chunk that holds {@code iteration}'s point starts here. */
	static long start(long iteration) {
		return iteration - Math.floorMod(iteration, SIZE);
	}

	static byte[] encode(double[] values, int count) {
		ByteBuffer buffer = ByteBuffer.allocate(count * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asDoubleBuffer().put(values, 0, count);
		return buffer.array();
	}

	static double[] decode(byte[] bytes) {
		double[] values = new double[bytes.length / Double.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
		return values;
	}

}
