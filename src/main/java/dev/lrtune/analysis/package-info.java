/**
 * The learning-rate range test over HTTP: suggestions for a curve a client measured elsewhere, computed
 * by the same {@link dev.lrtune.core.rangetest.RangeTestAnalysis} that range-test jobs use.
 */
package dev.lrtune.analysis;
