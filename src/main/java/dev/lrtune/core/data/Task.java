package dev.lrtune.core.data;

import dev.lrtune.core.InvalidParameterException;

/**
 * What the targets mean: a real value to regress on, or a class index {@code 0..classes-1}.
 *
 * @param kind regression or classification
 * @param classes the number of classes (at least 2) for classification, 0 for regression
 */
public record Task(Kind kind, int classes) {

	/** The two kinds of supervised problem the core trains on. */
	public enum Kind {
		REGRESSION, CLASSIFICATION
	}

	public Task {
		if (kind == null) {
			throw new InvalidParameterException("task", "must be regression or classification");
		}
		if (kind == Kind.REGRESSION && classes != 0) {
			throw new InvalidParameterException("classes", "a regression task has no classes");
		}
		if (kind == Kind.CLASSIFICATION && classes < 2) {
			throw new InvalidParameterException("classes", "a classification task needs at least 2 classes, got " + classes);
		}
	}

	public static Task regression() {
		return new Task(Kind.REGRESSION, 0);
	}

	public static Task classification(int classes) {
		return new Task(Kind.CLASSIFICATION, classes);
	}

	public boolean isClassification() {
		return kind == Kind.CLASSIFICATION;
	}

	@Override
	public String toString() {
		return isClassification() ? "classification(" + classes + ")" : "regression";
	}

}
