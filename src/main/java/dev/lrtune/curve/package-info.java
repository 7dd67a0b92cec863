/**
 * Per-iteration curves of jobs: the learning rate, momentum (when cycled) and training loss of every
 * iteration and the validation loss and accuracy of every evaluation. A {@link dev.lrtune.curve.CurveBatchRecorder}
 * buffers points on the training thread and hands them to its sink in batches of fixed-size binary chunks
 * ({@link dev.lrtune.curve.CurveChunk}), which {@link dev.lrtune.curve.Curves} writes with JDBC batches.
 * {@code GET /api/v1/jobs/{id}/curve} reads them back as columnar JSON or CSV, smoothed and downsampled on
 * request; {@code GET /api/v1/jobs/{id}/curve/stream} streams them as server-sent events while the job runs
 * ({@link dev.lrtune.curve.CurveStreams}, polling the store). This package knows nothing of jobs beyond
 * {@link dev.lrtune.curve.CurveOwners}.
 */
package dev.lrtune.curve;
