package dev.lrtune.dataset;

import java.util.Optional;

/**
 * Something that still needs a dataset and so keeps it from being deleted: the job feature implements
 * it for queued and running jobs. Every bean of this type is asked, inside the delete's transaction and
 * with the dataset's row locked ({@code SELECT … FOR UPDATE}); any answer turns the delete into a 409
 * whose detail is that answer. With no bean, nothing uses a dataset.
 */
public interface DatasetUsage {

	/**
	 * @return what uses the dataset, in words for the 409's detail ("job 42 is running"), or empty
	 */
	Optional<String> activeUse(long datasetId);

}
