package dev.lrtune.curve;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code summary} column of {@code curve_chunks}: for each block of {@link #BLOCK} consecutive points of a
 * chunk, the point with the lowest loss and the one with the highest (a non-finite loss counts as the highest
 * and the first one wins, as in {@link Downsampling#minMax}). A downsampled read of a long range decodes these
 * ~1.6 KiB per chunk instead of its 64–96 KiB of points, and still sees every block's extremes, so the global
 * minimum and maximum and the point where a run diverged survive.
 *
 * <p>Layout per block: the two offsets in the chunk as shorts, then lr, loss and momentum (NaN when the chunk
 * has none) of the low point and of the high point, little-endian.
 */
final class ChunkSummary {

	/** Points per block: 32 blocks per chunk, 1.6 KiB of summary. */
	static final int BLOCK = 128;

	static final int BLOCK_BYTES = 2 * Short.BYTES + 6 * Double.BYTES;

	private ChunkSummary() {
	}

	static byte[] encode(CurveChunk chunk) {
		int blocks = (chunk.count() + BLOCK - 1) / BLOCK;
		ByteBuffer out = ByteBuffer.allocate(blocks * BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (int b = 0; b < blocks; b++) {
			int start = b * BLOCK;
			int[] lowHigh = extremes(chunk.loss(), start, Math.min(chunk.count(), start + BLOCK));
			out.putShort((short) lowHigh[0]).putShort((short) lowHigh[1]);
			for (int offset : lowHigh) {
				out.putDouble(chunk.lr()[offset]).putDouble(chunk.loss()[offset])
					.putDouble(chunk.momentum() == null ? Double.NaN : chunk.momentum()[offset]);
			}
		}
		return out.array();
	}

	/** The offsets of the lowest and the highest value in {@code values[start, end)}. */
	static int[] extremes(double[] values, int start, int end) {
		int min = start;
		int max = start;
		for (int i = start; i < end; i++) {
			if (!Double.isFinite(values[i])) {
				max = i;
				break;
			}
			if (values[i] < values[min]) {
				min = i;
			}
			if (values[i] > values[max]) {
				max = i;
			}
		}
		return new int[] { min, max };
	}

	/** Receives the low and the high point of each block, in block order. */
	interface Visitor {

		void point(long iteration, double lr, double loss, double momentum);

	}

	/** Visits the low and high points of the blocks of {@code summary} (a chunk starting at {@code first}). */
	static void visit(long first, byte[] summary, Visitor visitor) {
		ByteBuffer in = ByteBuffer.wrap(summary).order(ByteOrder.LITTLE_ENDIAN);
		while (in.hasRemaining()) {
			int low = in.getShort();
			int high = in.getShort();
			double[] values = new double[6];
			for (int i = 0; i < 6; i++) {
				values[i] = in.getDouble();
			}
			if (high < low) {
				visitor.point(first + high, values[3], values[4], values[5]);
			}
			visitor.point(first + low, values[0], values[1], values[2]);
			if (high > low) {
				visitor.point(first + high, values[3], values[4], values[5]);
			}
		}
	}

}
