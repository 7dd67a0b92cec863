package dev.lrtune.job.run;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.lrtune.dataset.DatasetUsage;
import dev.lrtune.job.store.Jobs;

/**
 * Queued and running jobs keep the uploaded dataset they name from being deleted. Depends on the job table
 * only: the dataset feature asks it while deleting, so it must not depend back on the dataset feature.
 */
@Component
public class JobDatasetUsage implements DatasetUsage {

	private final Jobs jobs;

	JobDatasetUsage(Jobs jobs) {
		this.jobs = jobs;
	}

	@Override
	public Optional<String> activeUse(long datasetId) {
		return activeUse(UploadedJobDatasets.reference(datasetId));
	}

	/** The queued or running jobs that use this dataset reference, in words; empty when none does. */
	public Optional<String> activeUse(String reference) {
		List<String> uses = jobs.activeUses(reference);
		return uses.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", uses));
	}

}
