package dev.lrtune.job.store;

import java.util.List;
import java.util.Map;

import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobType;

/**
 * The filters of {@code GET /jobs}; a {@code null} filter lets every job through.
 *
 * @param name a substring of the job's name, matched ignoring case
 * @param tags key and value pairs, each of which the job's tags must hold
 */
public record JobFilter(JobStatus status, JobType type, Long studyId, Runner runner, String name,
		List<Map.Entry<String, String>> tags) {

	public JobFilter {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

	/** Only jobs of this status, type and study. */
	public static JobFilter of(JobStatus status, JobType type, Long studyId) {
		return new JobFilter(status, type, studyId, null, null, List.of());
	}

}
