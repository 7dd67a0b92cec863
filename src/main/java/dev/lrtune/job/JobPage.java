package dev.lrtune.job;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.lrtune.job.store.Jobs;

/**
 * One page of {@code GET /jobs}, newest first.
 *
 * @param page the page number, from 0
 * @param totalItems jobs matching the filters
 */
@Schema(description = "One page of jobs, newest first.")
record JobPage(@Schema(description = "The jobs of this page") List<Job> items,
		@Schema(description = "This page's number, from 0") int page, @Schema(description = "Jobs per page") int size,
		@Schema(description = "Jobs matching the filters") long totalItems,
		@Schema(description = "Pages of that size") int totalPages) {
}
