package dev.lrtune.core.model;

/**
 * A model measured on a dataset.
 *
 * @param loss mean loss per example (the training loss function, without weight decay)
 * @param accuracy share of correct predictions for classifiers, NaN for regression
 */
public record Evaluation(double loss, double accuracy) {
}
