package dev.lrtune.curve;

import java.util.List;

/**
 * The points recorded since the last flush. The first chunk may continue one that an earlier flush wrote
 * partially; {@link Curves#write} replaces it.
 *
 * @param chunks consecutive chunks in iteration order
 * @param validations the evaluations since the last flush
 * @param lastIteration the last iteration recorded so far, −1 before the first
 */
public record CurveBatch(List<CurveChunk> chunks, List<ValidationPoint> validations, long lastIteration) {

	public boolean isEmpty() {
		return chunks.isEmpty() && validations.isEmpty();
	}

}
