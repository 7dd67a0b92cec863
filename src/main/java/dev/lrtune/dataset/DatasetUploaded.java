package dev.lrtune.dataset;

import java.time.Instant;

/**
 * A dataset was uploaded and committed, with its rows as training reads them: a job about to use it can take them
 * from here rather than read them back from the database.
 *
 * @param id the dataset's id
 * @param uploadedAt its upload time, as {@link DatasetCatalog#uploadedAt(long)} answers it
 * @param data its rows, exactly as {@link DatasetCatalog#load(long)} would give them (receivers must not change
 *     them)
 */
public record DatasetUploaded(long id, Instant uploadedAt, TrainingData data) {
}
