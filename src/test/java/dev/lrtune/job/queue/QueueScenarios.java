package dev.lrtune.job.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lrtune.curve.CurveBatch;
import dev.lrtune.curve.CurveChunk;
import dev.lrtune.curve.CurveQuery;
import dev.lrtune.curve.CurveView;
import dev.lrtune.curve.Curves;
import dev.lrtune.curve.ValidationPoint;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.store.Jobs;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.run.JobDatasetUsage;
import dev.lrtune.job.run.JobRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims, leases, recovery, cancellation and curve writes, driven step by step (the worker pool is off) so
 * that each scenario is deterministic. Run on H2 ({@link QueueH2Tests}) and PostgreSQL
 * ({@link QueuePostgresTests}).
 */
abstract class QueueScenarios {

	private static final String TRAINING = """
			{"type": "training", "dataset": "synthetic:moons?samples=400&noise=0.2&seed=3", "seed": 11,
			 "model": {"type": "mlp", "hidden": [8]}, "optimizer": {"type": "sgd", "momentum": 0.9},
			 "training": {"iterations": 600, "evaluateEvery": 100,
			              "schedule": {"type": "cosine", "lr": 0.2, "tMax": 600}}}""";

	@Autowired
	JobManagement management;

	@Autowired
	JobQueue queue;

	@Autowired
	JobDatasetUsage datasetUsage;

	@Autowired
	JobRunner runner;

	@Autowired
	Curves curves;

	@Autowired
	CurveQuery curveQuery;

	@Autowired
	JsonMapper mapper;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Jobs jobs;

	@BeforeEach
	void emptyQueue() {
		jdbc.update("DELETE FROM jobs");
	}

	private long submit() {
		return management.submit(mapper.readValue(TRAINING, JobRequest.class)).id();
	}

	private Job run(JobRow claimed) {
		runner.run(claimed, run -> {
		});
		return management.get(claimed.id());
	}

	private CurveView curve(long id) {
		return curveQuery.curve(id, null, null, null, null);
	}

	@Test
	void aClaimTakesTheOldestQueuedJobAndHoldsItUnderALease() {
		long first = submit();
		submit();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		assertThat(claimed.id()).isEqualTo(first);
		assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
		assertThat(claimed.worker()).isEqualTo("worker-a");
		assertThat(claimed.attempt()).isEqualTo(1);
		assertThat(claimed.leaseUntil()).isAfter(Instant.now());
	}

	@Test
	void twoWorkersClaimingAtOnceNeverTakeTheSameJob() throws InterruptedException {
		List<Long> submitted = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			submitted.add(submit());
		}
		ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
		List<Thread> workers = new ArrayList<>();
		for (String worker : List.of("worker-a", "worker-b")) {
			Thread thread = new Thread(() -> {
				Optional<JobRow> job;
				while ((job = queue.claim(worker)).isPresent()) {
					claimed.add(job.get().id());
				}
			});
			thread.start();
			workers.add(thread);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		List<Long> sorted = new ArrayList<>(claimed);
		Collections.sort(sorted);
		assertThat(sorted).isEqualTo(submitted);
	}

	@Test
	void aFinishedJobHasItsResultProgressAndWholeCurve() {
		long id = submit();
		Job job = run(queue.claim("worker-a").orElseThrow());
		assertThat(job.status()).isEqualTo("succeeded");
		assertThat(job.progress().iteration()).isEqualTo(600);
		assertThat(job.progress().fraction()).isEqualTo(1.0);
		assertThat(job.result().iterations()).isEqualTo(600);
		assertThat(job.result().validationAccuracy()).isNotNull();
		CurveView curve = curve(id);
		assertThat(curve.totalPoints()).isEqualTo(600);
		assertThat(curve.iteration()).hasSize(600);
		assertThat(curve.validation().iteration()).containsExactly(99L, 199L, 299L, 399L, 499L, 599L);
	}

	@Test
	void anExpiredLeaseSendsTheJobBackToTheQueueWithoutItsPartialCurve() {
		long id = submit();
		queue.claim("worker-a").orElseThrow();
		curves.write(id, partialCurve());
		assertThat(curves.pointCount(id)).isEqualTo(10);

		int requeued = queue.recoverExpired(Instant.now().plusSeconds(3600));

		assertThat(requeued).isEqualTo(1);
		Job job = management.get(id);
		assertThat(job.status()).isEqualTo("queued");
		assertThat(job.attempt()).isEqualTo(1);
		assertThat(curves.pointCount(id)).isZero();
		assertThat(curve(id).validation().iteration()).isEmpty();
	}

	/**
	 * PostgreSQL checks the queue's capacity against an upper bound on the queued jobs (see {@code Jobs.insertIfRoom}):
	 * every write that queues a job raises it, a claim leaves it.
	 */
	@Test
	void everyJobQueuedAgainRaisesTheBoundOnTheQueuedJobs() {
		assumeTrue(jobs.postgres(), "the bound is kept on PostgreSQL");
		jdbc.update("UPDATE job_submission_lock SET queued_bound = 0");
		long id = submit();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		assertThat(queuedBound()).isEqualTo(1); // the submission
		queue.recoverExpired(Instant.now().plusSeconds(3600));
		assertThat(management.get(id).status()).isEqualTo("queued");
		assertThat(queuedBound()).isEqualTo(2); // and the requeue
		claimed = queue.claim("worker-b").orElseThrow();
		assertThat(jobs.release(claimed.lease())).isTrue();
		assertThat(queuedBound()).isEqualTo(3); // and the job given back
	}

	private long queuedBound() {
		return jdbc.queryForObject("SELECT queued_bound FROM job_submission_lock WHERE id = 1", Long.class);
	}

	@Test
	void aLeaseThatHasNotExpiredIsLeftAlone() {
		long id = submit();
		queue.claim("worker-a").orElseThrow();
		assertThat(queue.recoverExpired(Instant.now())).isZero();
		assertThat(management.get(id).status()).isEqualTo("running");
	}

	@Test
	void aJobTakenOverAfterItsLeaseExpiredEndsWithTheCurveOfAnUninterruptedRun() {
		long reference = submit();
		CurveView uninterrupted = curve(run(queue.claim("worker-a").orElseThrow()).id());

		long id = submit();
		JobRow lost = queue.claim("worker-a").orElseThrow();
		queue.recoverExpired(Instant.now().plusSeconds(3600));
		JobRow takenOver = queue.claim("worker-b").orElseThrow();
		Job abandoned = run(lost); // the first worker wakes up: its first flush finds the lease gone
		assertThat(abandoned.status()).isEqualTo("running");
		assertThat(curves.pointCount(id)).isZero();

		Job job = run(takenOver);
		assertThat(job.status()).isEqualTo("succeeded");
		assertThat(job.attempt()).isEqualTo(2);
		assertThat(job.worker()).isEqualTo("worker-b");
		CurveView curve = curve(id);
		assertThat(curve.lr()).isEqualTo(uninterrupted.lr());
		assertThat(curve.loss()).isEqualTo(uninterrupted.loss());
		assertThat(curve.validation()).isEqualTo(uninterrupted.validation());
		assertThat(reference).isNotEqualTo(id);
	}

	@Test
	void aJobWhoseLeaseExpiresOnItsLastAttemptFailsWithAClearError() {
		long id = submit();
		queue.claim("worker-a").orElseThrow();
		queue.recoverExpired(Instant.now().plusSeconds(3600));
		queue.claim("worker-b").orElseThrow();
		queue.recoverExpired(Instant.now().plusSeconds(3600));
		Job job = management.get(id);
		assertThat(job.status()).isEqualTo("failed");
		assertThat(job.error()).contains("worker-b", "stopped renewing its lease", "lrtune.jobs.max-attempts");
		assertThat(job.finishedAt()).isNotNull();
	}

	@Test
	void cancellingAQueuedJobCancelsItAtOnce() {
		long id = submit();
		assertThat(management.cancel(id).status()).isEqualTo("cancelled");
		assertThat(queue.claim("worker-a")).isEmpty();
	}

	@Test
	void aRunningJobAskedToCancelStopsAtItsNextFlushAndKeepsItsCurve() {
		long id = submit();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		management.cancel(id);
		Job job = run(claimed);
		assertThat(job.status()).isEqualTo("cancelled");
		long points = curves.pointCount(id);
		assertThat(points).isPositive().isLessThan(600).isEqualTo(job.progress().iteration());
	}

	@Test
	void onlyAFinishedJobCanBeDeletedAndItsCurveGoesWithIt() {
		long id = submit();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> management.delete(id)))
			.hasMessageContaining("409");
		run(claimed);
		management.delete(id);
		assertThat(management.exists(id)).isFalse();
		assertThat(curves.pointCount(id)).isZero();
	}

	@Test
	void aTrainingJobHasNoRecommendation() {
		long id = submit();
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> management.recommendation(id)))
			.hasMessageContaining("409");
	}

	@Test
	void aJobUsesItsDatasetOnlyWhileQueuedOrRunning() {
		long id = submit();
		String dataset = management.get(id).request().dataset();
		assertThat(datasetUsage.activeUse(dataset)).hasValue("job " + id + " is queued");
		management.cancel(id);
		assertThat(datasetUsage.activeUse(dataset)).isEmpty();
	}

	private static CurveBatch partialCurve() {
		double[] values = new double[CurveChunk.SIZE];
		java.util.Arrays.fill(values, 0.5);
		return new CurveBatch(List.of(new CurveChunk(0, 10, values, values, null)),
				List.of(new ValidationPoint(4, 0.4, 0.9)), 9);
	}

}
