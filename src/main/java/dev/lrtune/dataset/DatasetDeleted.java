package dev.lrtune.dataset;

/**
 * A dataset was deleted (committed): what was kept in memory for its jobs can go.
 *
 * @param id the deleted dataset's id
 */
public record DatasetDeleted(long id) {
}
