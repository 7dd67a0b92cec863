package dev.lrtune.core.data.synthetic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.lrtune.core.InvalidParameterException;

/**
 * The synthetic problems, in the spirit of scikit-learn's {@code make_*} functions. {@code linear} is a
 * regression problem, the others are classification problems with balanced classes (row {@code i} has
 * class {@code i % classes}). Every generator has a natural number of informative features (2, except
 * {@code linear} and {@code blobs} which are informative in any dimension); features beyond those are
 * standard-normal noise dimensions.
 */
public enum Generator {

	/** {@code y = x·w + noise·ε}, x and w standard normal. */
	LINEAR(false, 1, 0, 0.1),
	/** Isotropic Gaussian clusters (std {@code noise}) around centres drawn uniformly from [-10, 10]. */
	BLOBS(true, 1, 3, 1.0),
	/** Two interleaving half circles (scikit-learn's {@code make_moons}). */
	MOONS(true, 2, 2, 0.1),
	/** A circle inside a circle of twice its radius. */
	CIRCLES(true, 2, 2, 0.05),
	/** {@code classes} spiral arms of 1.5 turns each. */
	SPIRALS(true, 2, 2, 0.05),
	/** Points in the four quadrants of [-1, 1]², labelled {@code (x0 > 0) xor (x1 > 0)}. */
	XOR(true, 2, 2, 0.1);

	private final boolean classification;

	private final int minFeatures;

	private final int defaultClasses;

	private final double defaultNoise;

	Generator(boolean classification, int minFeatures, int defaultClasses, double defaultNoise) {
		this.classification = classification;
		this.minFeatures = minFeatures;
		this.defaultClasses = defaultClasses;
		this.defaultNoise = defaultNoise;
	}

	/** The generator's name in a reference string, e.g. {@code moons}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean isClassification() {
		return classification;
	}

	/** Whether the class count is a parameter (blobs, spirals) rather than fixed. */
	public boolean hasClassesParameter() {
		return this == BLOBS || this == SPIRALS;
	}

	public int minFeatures() {
		return minFeatures;
	}

	/** The class count when none is given; 0 for regression. */
	public int defaultClasses() {
		return defaultClasses;
	}

	public double defaultNoise() {
		return defaultNoise;
	}

	/** The generator called {@code id}. */
	public static Generator of(String id) {
		for (Generator generator : values()) {
			if (generator.id().equals(id)) {
				return generator;
			}
		}
		throw new InvalidParameterException("generator", "unknown generator '" + id + "', expected one of "
				+ Arrays.stream(values()).map(Generator::id).collect(Collectors.joining(", ")));
	}

}
