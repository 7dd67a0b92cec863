/**
 * Datasets: CSV uploads turned into dense numeric matrices that training and range-test jobs read.
 * <p>
 * An upload is decoded, parsed (RFC 4180), profiled column by column and encoded: numeric columns as
 * they are, string columns one-hot, the target as a number (regression) or a class index
 * (classification). Metadata and a per-column summary go to the {@code datasets} table, the encoded
 * matrix to {@code dataset_chunks} as little-endian doubles, so listing never reads the matrix. A file
 * that cannot become a dataset is refused with a problem detail that names the line, the column and
 * the fix, and nothing is stored.
 * <p>
 * Other features use {@link dev.lrtune.dataset.DatasetCatalog#load(long)} to read a dataset for
 * training, and implement {@link dev.lrtune.dataset.DatasetUsage} to keep a dataset they still need
 * from being deleted.
 */
package dev.lrtune.dataset;
