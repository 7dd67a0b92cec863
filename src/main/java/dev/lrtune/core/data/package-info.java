/**
 * Training data for the SGD core: a {@link dev.lrtune.core.data.Dataset} of dense {@code double} features
 * in one flat row-major array, its {@link dev.lrtune.core.data.Task}, the seeded train/validation split
 * with z-score standardisation fitted on the training rows only, and the per-purpose random streams
 * ({@link dev.lrtune.core.data.RandomStreams}) every seeded step of a job draws from.
 */
package dev.lrtune.core.data;
