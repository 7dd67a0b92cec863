package dev.lrtune.core.rangetest;

/**
 * The derivative of the loss with respect to log(lr), as {@code numpy.gradient(loss, np.log(lrs))}:
 * second-order central differences for unevenly spaced points inside, one-sided differences at both
 * ends ({@code edge_order=1}). Against log(lr) rather than the index (pytorch-lr-finder) so the
 * steepest point means the same for linear and exponential ramps; for an exponential ramp the two agree.
 */
final class LogGradient {

	private LogGradient() {
	}

	/** @param loss at least 2 values; @param lr as many strictly increasing positive rates */
	static double[] of(double[] loss, double[] lr) {
		int n = loss.length;
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = StrictMath.log(lr[i]);
		}
		double[] gradient = new double[n];
		gradient[0] = (loss[1] - loss[0]) / (x[1] - x[0]);
		gradient[n - 1] = (loss[n - 1] - loss[n - 2]) / (x[n - 1] - x[n - 2]);
		for (int i = 1; i < n - 1; i++) {
			double before = x[i] - x[i - 1];
			double after = x[i + 1] - x[i];
			double a = -after / (before * (before + after));
			double b = (after - before) / (before * after);
			double c = before / (after * (before + after));
			gradient[i] = a * loss[i - 1] + b * loss[i] + c * loss[i + 1];
		}
		return gradient;
	}

}
