package dev.lrtune.job.store;

/** Told of every write {@link Jobs} makes to a job, so that what was read of it before can be read again. */
public interface JobChanges {

	/** This instance wrote to the job: once the transaction ends (or now, outside one) reads load it again. */
	void changed(long id);

}
