package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.lrtune.ShortJobsOnH2;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.queue.JobQueue;

import tools.jackson.databind.json.JsonMapper;

/**
 * A cancel the worker never sees at a flush: asked for after the claim but before the run was registered on this
 * instance (so only the database knows), by a job that ends before its first flush (the interval is an hour here,
 * a second by default, longer than a short trial runs).
 */
@ShortJobsOnH2
class LateCancelTests {

	@Autowired
	JobManagement management;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRunner runner;

	@Autowired
	JsonMapper mapper;

	private long submit() {
		return management.submit(mapper.readValue("""
				{"type": "training", "dataset": "synthetic:moons?samples=400&seed=3", "seed": 11,
				 "model": {"type": "logistic"}, "training": {"iterations": 300,
				 "schedule": {"type": "constant", "lr": 0.1}}}""", JobRequest.class)).id();
	}

	@Test
	void aJobCancelledBetweenItsClaimAndItsStartEndsCancelledEvenIfItRanToTheEnd() {
		long id = submit();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		assertThat(management.cancel(id).status()).as("asked to stop, still running").isEqualTo("running");

		runner.run(claimed, run -> {
		});

		Job job = management.get(id);
		assertThat(job.status()).isEqualTo("cancelled");
		assertThat(job.progress().iteration()).as("it ran to its end before it could see the cancel").isEqualTo(300);
	}

	@Test
	void aJobNobodyCancelledStillSucceeds() {
		long id = submit();
		runner.run(queue.claim("worker-a").orElseThrow(), run -> {
		});
		assertThat(management.get(id).status()).isEqualTo("succeeded");
	}

}
