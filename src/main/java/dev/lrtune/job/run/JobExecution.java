package dev.lrtune.job.run;

import dev.lrtune.job.JobRequest;
import dev.lrtune.job.JobResult;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobType;

/**
 * Runs one type of job on the core: builds model, optimizer and schedule from the request, trains on the
 * run's dataset and reports every point to the run's recorder. One Spring bean per {@link JobType}; a type
 * without a bean is refused at submission.
 */
interface JobExecution {

	JobType type();

	/**
	 * Runs the job to its end, or until {@link LocalRun#stopRequested()}.
	 * @return {@link JobStatus#SUCCEEDED}, {@link JobStatus#DIVERGED} or {@link JobStatus#CANCELLED} (it stopped
	 *     early because it was asked to) with the result
	 * @throws RuntimeException when the run cannot be made; the job then fails with the message
	 */
	Outcome run(JobRequest request, long totalIterations, LocalRun run);

	record Outcome(JobStatus status, JobResult result) {
	}

}
