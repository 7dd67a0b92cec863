/**
 * The learning-rate range test (the "learning-rate finder"): the ramp that grows the rate, the
 * smoothed loss that watches it, and the analysis that turns a recorded (lr, loss) curve into a
 * {@link dev.lrtune.core.rangetest.Recommendation}.
 *
 * <p>Lifecycle: a {@link dev.lrtune.core.rangetest.RangeTest}, configured by
 * {@link dev.lrtune.core.rangetest.RangeTestOptions}, trains while {@link dev.lrtune.core.rangetest.LrRamp} sets the rate,
 * feeds every raw loss to a {@link dev.lrtune.core.rangetest.SmoothedLoss} and stops once
 * {@link dev.lrtune.core.rangetest.SmoothedLoss#diverged(double)}; it then hands the raw curve to
 * {@link dev.lrtune.core.rangetest.RangeTestAnalysis#analyze(double[], double[], AnalysisSettings)},
 * exactly as {@code POST /api/v1/range-tests/analyze} does with a curve a client brings, so both give
 * the same suggestions. With repeats, {@link dev.lrtune.core.rangetest.Recommendation#aggregate(java.util.List)}
 * takes the medians. Each step is reported to a {@link dev.lrtune.core.rangetest.RangeTestListener}; the
 * curves and recommendations come back as a {@link dev.lrtune.core.rangetest.RangeTestResult}.
 *
 * <p>References: fastai's {@code Learner.lr_find} and its suggestion functions {@code minimum},
 * {@code steep} and {@code valley} (fastai/callback/schedule.py, v2.5+); pytorch-lr-finder
 * (davidtvs/pytorch-lr-finder, after the Kaggle/fastai v0.7 finder); L. N. Smith, "Cyclical Learning
 * Rates for Training Neural Networks", 2015 (arXiv:1506.01186), section 3.3 for the range test itself.
 *
 * <p>Plain Java: no Spring, JPA, Jackson or I/O.
 */
package dev.lrtune.core.rangetest;
