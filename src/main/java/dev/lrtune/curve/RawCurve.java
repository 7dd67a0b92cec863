package dev.lrtune.curve;

/**
 * Consecutive stored points from {@code firstIteration} on.
 *
 * @param momentum {@code null} when the schedule did not cycle momentum
 */
public record RawCurve(long firstIteration, double[] lr, double[] loss, double[] momentum) {

	int size() {
		return lr.length;
	}

}
