package dev.lrtune.study;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of {@code GET /studies}, newest first. */
@Schema(description = "One page of studies, newest first.")
record StudyPage(@Schema(description = "The studies of this page") List<Study> items,
		@Schema(description = "This page's number, from 0") int page, @Schema(description = "Studies per page") int size,
		@Schema(description = "Studies matching the filter") long totalItems,
		@Schema(description = "Pages of that size") int totalPages) {
}
