package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogGradientTests {

	@Test
	void centralDifferencesAreExactForAQuadraticInLogLrOnAnUnevenGrid() {
		double[] x = { 0, 0.5, 0.7, 1.6, 2.0, 3.1 };
		double[] lr = new double[x.length];
		double[] loss = new double[x.length];
		for (int i = 0; i < x.length; i++) {
			lr[i] = Math.exp(x[i]);
			loss[i] = 3 * x[i] * x[i] - 2 * x[i];
		}

		double[] gradient = LogGradient.of(loss, lr);

		for (int i = 1; i < x.length - 1; i++) {
			assertThat(gradient[i]).as("at x = %s", x[i]).isCloseTo(6 * x[i] - 2, within(1e-9));
		}
		// one-sided at the ends, like numpy.gradient(edge_order=1): the slope of the chord
		assertThat(gradient[0]).isCloseTo(3 * (x[0] + x[1]) - 2, within(1e-9));
		assertThat(gradient[5]).isCloseTo(3 * (x[4] + x[5]) - 2, within(1e-9));
	}

}
