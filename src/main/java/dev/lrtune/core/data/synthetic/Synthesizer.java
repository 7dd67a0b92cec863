package dev.lrtune.core.data.synthetic;

import java.util.SplittableRandom;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.Task;

/**
 * Draws the rows of a {@link SyntheticSpec}. One {@link SplittableRandom} seeded with the spec's seed is
 * consumed in a fixed order (generator constants first, then row by row: informative coordinates, their
 * noise, the extra noise dimensions), and every transcendental call goes through {@link StrictMath}, so
 * the output is the same on every machine.
 */
final class Synthesizer {

	/** Blob centres are drawn from [-BOX, BOX] in every dimension, as scikit-learn's {@code center_box}. */
	private static final double BOX = 10.0;

	/** Radius of the inner circle of {@code circles} relative to the outer one. */
	private static final double INNER_RADIUS = 0.5;

	/** Angle an arm of {@code spirals} sweeps from the centre to its tip: 1.5 turns. */
	private static final double SPIRAL_SWEEP = 3 * Math.PI;

	private Synthesizer() {
	}

	static Dataset generate(SyntheticSpec spec) {
		SplittableRandom random = new SplittableRandom(spec.seed());
		int rows = spec.samples();
		int cols = spec.features();
		double[] x = new double[rows * cols];
		double[] y = new double[rows];
		Generator generator = spec.generator();
		double[] constants = constants(spec, random);
		int informative = generator == Generator.LINEAR || generator == Generator.BLOBS ? cols : 2;
		for (int row = 0; row < rows; row++) {
			int offset = row * cols;
			int label = generator.isClassification() ? row % spec.classes() : 0;
			y[row] = switch (generator) {
				case LINEAR -> linear(x, offset, cols, constants, spec.noise(), random);
				case BLOBS -> blob(x, offset, cols, constants, label, spec.noise(), random);
				case MOONS -> moon(x, offset, label, spec.noise(), random);
				case CIRCLES -> circle(x, offset, label, spec.noise(), random);
				case SPIRALS -> spiral(x, offset, label, spec.classes(), spec.noise(), random);
				case XOR -> xor(x, offset, label, spec.noise(), random);
			};
			for (int col = informative; col < cols; col++) {
				x[offset + col] = RandomStreams.gaussian(random);
			}
		}
		Task task = generator.isClassification() ? Task.classification(spec.classes()) : Task.regression();
		return Dataset.of(x, rows, cols, y, task, null);
	}

	/** The linear weights or the blob centres, drawn before any row. */
	private static double[] constants(SyntheticSpec spec, SplittableRandom random) {
		return switch (spec.generator()) {
			case LINEAR -> gaussians(spec.features(), random);
			case BLOBS -> uniforms(spec.classes() * spec.features(), -BOX, BOX, random);
			default -> new double[0];
		};
	}

	private static double linear(double[] x, int offset, int cols, double[] weights, double noise,
			SplittableRandom random) {
		double target = 0;
		for (int col = 0; col < cols; col++) {
			double value = RandomStreams.gaussian(random);
			x[offset + col] = value;
			target += weights[col] * value;
		}
		return target + noise * RandomStreams.gaussian(random);
	}

	private static double blob(double[] x, int offset, int cols, double[] centres, int label, double noise,
			SplittableRandom random) {
		for (int col = 0; col < cols; col++) {
			x[offset + col] = centres[label * cols + col] + noise * RandomStreams.gaussian(random);
		}
		return label;
	}

	private static double moon(double[] x, int offset, int label, double noise, SplittableRandom random) {
		double angle = Math.PI * random.nextDouble();
		double cos = StrictMath.cos(angle);
		double sin = StrictMath.sin(angle);
		// As make_moons: the upper half circle, and the lower one shifted by (1, -0.5).
		return point(x, offset, label == 0 ? cos : 1 - cos, label == 0 ? sin : 0.5 - sin, label, noise, random);
	}

	private static double circle(double[] x, int offset, int label, double noise, SplittableRandom random) {
		double angle = 2 * Math.PI * random.nextDouble();
		double radius = label == 0 ? 1.0 : INNER_RADIUS;
		return point(x, offset, radius * StrictMath.cos(angle), radius * StrictMath.sin(angle), label, noise, random);
	}

	private static double spiral(double[] x, int offset, int label, int classes, double noise, SplittableRandom random) {
		double radius = random.nextDouble();
		double angle = 2 * Math.PI * label / classes + SPIRAL_SWEEP * radius;
		return point(x, offset, radius * StrictMath.cos(angle), radius * StrictMath.sin(angle), label, noise, random);
	}

	/** Class 0 in the quadrants where both signs agree, class 1 where they differ. */
	private static double xor(double[] x, int offset, int label, double noise, SplittableRandom random) {
		double first = random.nextDouble();
		double second = random.nextDouble();
		boolean firstPositive = random.nextBoolean();
		boolean secondPositive = firstPositive == (label == 0);
		return point(x, offset, firstPositive ? first : -first, secondPositive ? second : -second, label, noise, random);
	}

	private static double point(double[] x, int offset, double first, double second, int label, double noise,
			SplittableRandom random) {
		x[offset] = first + noise * RandomStreams.gaussian(random);
		x[offset + 1] = second + noise * RandomStreams.gaussian(random);
		return label;
	}

	private static double[] gaussians(int count, SplittableRandom random) {
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			values[i] = RandomStreams.gaussian(random);
		}
		return values;
	}

	private static double[] uniforms(int count, double from, double to, SplittableRandom random) {
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			values[i] = from + (to - from) * random.nextDouble();
		}
		return values;
	}

}
