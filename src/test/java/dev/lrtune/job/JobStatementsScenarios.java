package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.lrtune.db.StatementLog;
import dev.lrtune.job.queue.JobQueue;
import dev.lrtune.job.run.JobRunner;
import tools.jackson.databind.json.JsonMapper;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.store.Jobs;

/**
 * The database round trips of a short job, which a race or a study runs by the dozen. On H2 a submission is two
 * statements (the submission lock, then the queue counted and the job inserted in one) and a commit, a claim is one
 * statement (committed on its own), and a job that ends before its first flush stores its outcome, its points and its
 * evaluation in one transaction of three statements. On PostgreSQL each of the three is one statement committed on
 * its own. Run on H2 ({@link JobStatementsH2Tests}) and PostgreSQL
 * ({@link JobStatementsPostgresTests}).
 */
abstract class JobStatementsScenarios {

	private static final String SHORT_JOB = """
			{"type": "training", "dataset": "synthetic:blobs?samples=1000&features=20&classes=2&seed=1", "seed": 1,
			 "model": {"type": "logistic"}, "optimizer": {"type": "sgd"}, "batchSize": 32,
			 "training": {"iterations": 10, "evaluateEvery": 1000, "schedule": {"type": "constant", "lr": 0.1}}}""";

	@Autowired
	JobManagement management;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRunner runner;

	@Autowired
	JsonMapper mapper;

	@Autowired
	StatementLog statements;

	@Autowired
	Jobs jobs;

	@Test
	void aClaimIsOneStatementAndAShortJobEndsInOneTransactionOfThree() {
		runOne(); // the first job also takes a block of ids
		statements.clear();
		long id = management.submit(mapper.readValue(SHORT_JOB, JobRequest.class)).id();
		List<String> submit = statements.ofThisThread();
		statements.clear();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		List<String> claim = statements.ofThisThread();
		statements.clear();
		runner.run(claimed, run -> {
		});
		List<String> run = statements.ofThisThread();

		System.out.printf("statements of one short job: submit %d %s, claim %d %s, run %d %s%n", submit.size(), submit,
				claim.size(), claim, run.size(), run);
		assertThat(claimed.id()).isEqualTo(id);
		assertThat(management.get(id).status()).isEqualTo("succeeded");
		assertThat(claim).hasSize(1).noneMatch("COMMIT"::equals);
		if (jobs.postgres()) {
			// the outcome, the points and the evaluation in one statement, committed on its own
			assertThat(run).hasSize(1);
			assertThat(run.get(0)).startsWith("WITH finished AS (UPDATE jobs").contains("INSERT INTO curve_chunks")
				.contains("INSERT INTO curve_validations").doesNotContain("DELETE");
			// the queue's bound raised and the job inserted in one statement, committed on its own: the queue not counted
			assertThat(submit).hasSize(1);
			assertThat(submit.get(0)).contains("job_submission_lock").contains("INSERT INTO jobs").doesNotContain("COUNT(*)");
			return;
		}
		assertThat(run).hasSize(4).endsWith("COMMIT");
		assertThat(run.subList(0, 3)).noneMatch(sql -> sql.startsWith("DELETE") || sql.startsWith("SELECT cancel"));
		// the submission lock, then the queue counted and the job inserted in one statement, then the commit
		assertThat(submit).hasSize(3).endsWith("COMMIT").noneMatch(sql -> sql.startsWith("UPDATE"));
		assertThat(submit.get(0)).contains("job_submission_lock").contains("FOR UPDATE");
		assertThat(submit.get(1)).startsWith("INSERT INTO jobs").contains("COUNT(*)");
	}

	@Test
	void aWorkerThatGoesOnClaimsItsNextJobInTheStatementThatEndsItsLast() {
		runOne();
		long first = management.submit(mapper.readValue(SHORT_JOB, JobRequest.class)).id();
		long second = management.submit(mapper.readValue(SHORT_JOB, JobRequest.class)).id();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		statements.clear();
		Optional<JobRow> next = runner.run(claimed, run -> {
		}, () -> "worker-a");
		List<String> run = statements.ofThisThread();

		assertThat(claimed.id()).isEqualTo(first);
		assertThat(management.get(first).status()).isEqualTo("succeeded");
		if (jobs.postgres()) {
			assertThat(run).hasSize(1);
			assertThat(run.get(0)).startsWith("WITH finished AS (UPDATE jobs").contains("claimed AS (UPDATE jobs")
				.contains("SKIP LOCKED");
			assertThat(next).map(JobRow::id).contains(second);
			assertThat(next.get().worker()).isEqualTo("worker-a");
			assertThat(next.get().attempt()).isEqualTo(1);
			assertThat(management.get(second).status()).isEqualTo("running");
			assertThat(runner.run(next.get(), ended -> {
			}, () -> "worker-a")).isEmpty(); // nothing left to claim
		}
		else { // the worker claims the next job itself
			assertThat(run).hasSize(4).endsWith("COMMIT");
			assertThat(next).isEmpty();
			assertThat(management.get(second).status()).isEqualTo("queued");
			runner.run(queue.claim("worker-a").orElseThrow(), ended -> {
			});
		}
		assertThat(management.get(second).status()).isEqualTo("succeeded");
	}

	@Test
	void theStatusesOfEveryWaitedJobAreOneStatementAndAJobThatIsGoneIsAbsent() {
		long queued = management.submit(mapper.readValue(SHORT_JOB, JobRequest.class)).id();
		long cancelled = management.submit(mapper.readValue(SHORT_JOB, JobRequest.class)).id();
		management.cancel(cancelled);
		long gone = Long.MAX_VALUE - 7;
		statements.clear();

		java.util.Map<Long, JobStatus> statuses = management.statuses(List.of(queued, cancelled, gone));

		assertThat(statements.ofThisThread()).hasSize(1);
		assertThat(statuses).containsOnly(java.util.Map.entry(queued, JobStatus.QUEUED),
				java.util.Map.entry(cancelled, JobStatus.CANCELLED));
		management.cancel(queued);
	}

	private void runOne() {
		management.submit(mapper.readValue(SHORT_JOB, JobRequest.class));
		runner.run(queue.claim("worker-a").orElseThrow(), run -> {
		});
	}

}
