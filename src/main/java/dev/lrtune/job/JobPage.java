package dev.lrtune.job;

import java.util.List;

/**
 * One page of {@code GET /jobs}, newest first.
 *
 * @param page the page number, from 0
 * @param totalItems jobs matching the filters
 */
record JobPage(List<Job> items, int page, int size, long totalItems, int totalPages) {
}
