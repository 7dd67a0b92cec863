package dev.lrtune.core.data.synthetic;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.Dataset;

/**
 * A synthetic dataset, fully determined by its parameters: the same spec generates the same rows bit for
 * bit. Written as a dataset reference {@code synthetic:moons?samples=1000&noise=0.2&seed=7}.
 *
 * @param generator the problem
 * @param samples number of rows, 2..{@value #MAX_SAMPLES}
 * @param features number of feature columns, at least the generator's natural count
 * @param classes number of classes (0 for {@code linear}; fixed at 2 for moons, circles and xor)
 * @param noise standard deviation of the Gaussian noise (for blobs: of each cluster), at least 0
 * @param seed seed of the generator's own random stream
 */
public record SyntheticSpec(Generator generator, int samples, int features, int classes, double noise, long seed) {

	public static final String PREFIX = "synthetic:";

	public static final int DEFAULT_SAMPLES = 1000;

	public static final int MAX_SAMPLES = 1_000_000;

	public static final int MAX_FEATURES = 1000;

	public static final int MAX_CLASSES = 100;

	/** Upper bound on {@code samples * features}: 80 MB of doubles. */
	public static final long MAX_VALUES = 10_000_000;

	public SyntheticSpec {
		if (generator == null) {
			throw new InvalidParameterException("generator", "is required");
		}
		if (samples < 2 || samples > MAX_SAMPLES) {
			throw new InvalidParameterException("samples", "must be in 2.." + MAX_SAMPLES + ", got " + samples);
		}
		if (features < generator.minFeatures() || features > MAX_FEATURES) {
			throw new InvalidParameterException("features", "must be in " + generator.minFeatures() + ".." + MAX_FEATURES
					+ " for " + generator.id() + ", got " + features);
		}
		if ((long) samples * features > MAX_VALUES) {
			throw new InvalidParameterException("samples",
					"samples * features must be at most " + MAX_VALUES + ", got " + (long) samples * features);
		}
		checkClasses(generator, classes);
		if (!(noise >= 0) || Double.isInfinite(noise)) {
			throw new InvalidParameterException("noise", "must be a finite number >= 0, got " + noise);
		}
	}

	/** The generator's defaults: 1000 samples, 2 features, its own class count and noise, seed 0. */
	public static SyntheticSpec defaults(Generator generator) {
		return new SyntheticSpec(generator, DEFAULT_SAMPLES, 2, generator.defaultClasses(), generator.defaultNoise(), 0);
	}

	/**
	 * Parses {@code synthetic:<generator>?k=v&...} with parameters {@code samples}, {@code features},
	 * {@code classes}, {@code noise}, {@code seed}; absent ones take the generator's defaults.
	 * @throws InvalidParameterException naming the offending parameter ({@code dataset} when the string is
	 * not a synthetic reference, {@code generator} for an unknown generator)
	 */
	public static SyntheticSpec parse(String reference) {
		return SyntheticReferenceParser.parse(reference);
	}

	/** Whether {@code reference} names a synthetic dataset (it may still be invalid). */
	public static boolean isSyntheticReference(String reference) {
		return reference != null && reference.startsWith(PREFIX);
	}

	/** The canonical reference string, every parameter spelled out. */
	public String toReference() {
		String classPart = generator.hasClassesParameter() ? "&classes=" + classes : "";
		return PREFIX + generator.id() + "?samples=" + samples + "&features=" + features + classPart + "&noise="
				+ noise + "&seed=" + seed;
	}

	/** Generates the rows. */
	public Dataset generate() {
		return Synthesizer.generate(this);
	}

	private static void checkClasses(Generator generator, int classes) {
		if (!generator.isClassification()) {
			if (classes != 0) {
				throw new InvalidParameterException("classes", generator.id() + " is a regression problem without classes");
			}
		}
		else if (!generator.hasClassesParameter()) {
			if (classes != 2) {
				throw new InvalidParameterException("classes", generator.id() + " always has 2 classes, got " + classes);
			}
		}
		else if (classes < 2 || classes > MAX_CLASSES) {
			throw new InvalidParameterException("classes", "must be in 2.." + MAX_CLASSES + ", got " + classes);
		}
	}

}
