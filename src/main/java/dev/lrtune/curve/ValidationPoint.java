package dev.lrtune.curve;

/**
 * One evaluation of the validation split, measured at the end of {@code iteration}.
 *
 * @param accuracy NaN for a regression
 */
public record ValidationPoint(long iteration, double loss, double accuracy) {
}
