package dev.lrtune.dataset;

/**
 * What an uploaded dataset holds, without its rows: enough to check a job against it.
 *
 * @param rows rows stored
 * @param features feature columns after one-hot encoding
 * @param classCount number of classes; 0 for regression
 */
public record DatasetShape(int rows, int features, TargetKind task, int classCount) {
}
