package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.lrtune.PostgresContainerConfiguration;
import dev.lrtune.PostgresTestDatabase;
import dev.lrtune.job.store.Jobs;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue limit on PostgreSQL under concurrent submissions: the statement that counts the queue and inserts the
 * job runs after the submission lock is taken, so its snapshot sees every job the lock's earlier holders queued, and
 * submitters racing for the last places take exactly those. The schema is shared with other test classes, so the queue
 * may hold their jobs already: it is filled from what the test finds, and the test's jobs are deleted at the end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(PostgresTestDatabase.class)
@DirtiesContext // its own context: closed after the class, so that its pool's connections go back to the server
@Import(PostgresContainerConfiguration.class)
@TestPropertySource(properties = { "lrtune.workers.enabled=false", "lrtune.queue.max-queued=" + QueueLimitPostgresTests.LIMIT })
class QueueLimitPostgresTests {

	static final int LIMIT = 100;

	/** The places left when the racers start. */
	private static final int ROOM = 3;

	private static final int RACERS = 16;

	private static final String JOB = """
			{"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
			 "seed": 1, "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}""";

	@Autowired
	JobManagement management;

	@Autowired
	Jobs jobs;

	@Autowired
	JsonMapper mapper;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

	@Test
	void submissionsRacingForTheLastPlacesQueueExactlyUpToTheLimit() throws Exception {
		List<Long> ids = Collections.synchronizedList(new ArrayList<>());
		long queued = jobs.count(JobStatus.QUEUED, null, null);
		assertThat(queued).isLessThan(LIMIT - ROOM);
		for (long i = queued; i < LIMIT - ROOM; i++) { // the queue filled to a few places short of the limit
			ids.add(submit());
		}
		ExecutorService submitters = Executors.newFixedThreadPool(RACERS);
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Boolean>> racers = new ArrayList<>();
		for (int i = 0; i < RACERS; i++) {
			racers.add(() -> {
				start.await();
				try {
					ids.add(submit());
					return true;
				}
				catch (JobQueueFullException full) {
					return false;
				}
			});
		}
		List<Future<Boolean>> outcomes = new ArrayList<>();
		List<Boolean> accepted = new ArrayList<>();
		long full;
		try {
			for (Callable<Boolean> racer : racers) {
				outcomes.add(submitters.submit(racer));
			}
			start.countDown();
			for (Future<Boolean> outcome : outcomes) {
				accepted.add(outcome.get());
			}
			full = jobs.count(JobStatus.QUEUED, null, null);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("a submission failed otherwise than with a full queue", ex.getCause());
		}
		finally {
			submitters.shutdown();
			for (long id : ids) { // the schema's other users find the queue as it was
				management.cancel(id);
				management.delete(id);
			}
		}

		assertThat(accepted).filteredOn(Boolean::booleanValue).hasSize(ROOM);
		assertThat(accepted).filteredOn(ok -> !ok).hasSize(RACERS - ROOM);
		assertThat(full).isEqualTo(LIMIT);
	}

	private long submit() {
		return management.submit(mapper.readValue(JOB, JobRequest.class)).id();
	}

}
