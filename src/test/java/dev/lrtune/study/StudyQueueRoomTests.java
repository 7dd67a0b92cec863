package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lrtune.ShortJobsOnH2;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobQueueFullException;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.queue.JobQueue;
import dev.lrtune.job.run.JobRunner;

import tools.jackson.databind.json.JsonMapper;

/**
 * A study queues a rung's trials only when the job queue has room for all of them: its next rung waits for room
 * (the study keeps running), and a study whose first rung does not fit is refused with the queue's 429. The worker
 * pool is off, so the test claims and runs the trials itself, and the queue holds three jobs
 * ({@link ShortJobsOnH2#MAX_QUEUED}). Each test starts and ends with no job queued: the classes that share the context
 * claim the oldest queued job and expect their own.
 */
@ShortJobsOnH2
class StudyQueueRoomTests {

	/** Two given candidates over 200 iterations: rung 0 trains both for 100, rung 1 the better one for 200. */
	private static final String TWO_CANDIDATES = """
			{"dataset": "synthetic:moons?samples=200&seed=7", "model": {"type": "logistic"}, "seed": 3,
			 "iterations": 200, "candidates": [{"type": "constant", "lr": 0.1}, {"type": "constant", "lr": 0.01}],
			 "strategy": {"eta": 2, "minIterations": 100}}""";

	private static final String FILLER = """
			{"type": "training", "dataset": "synthetic:moons?samples=200&seed=7", "model": {"type": "logistic"},
			 "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}""";

	@Autowired
	StudyManagement studies;

	@Autowired
	StudyCoordinator coordinator;

	@Autowired
	JobManagement jobs;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRunner runner;

	@Autowired
	JsonMapper mapper;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	@AfterEach
	void emptyQueue() {
		jdbc.update("UPDATE jobs SET status = 'cancelled' WHERE status = 'queued'");
	}

	@Test
	void aRungWithoutRoomInTheQueueWaitsAndIsQueuedOnceThereIsRoom() {
		long id = studies.submit(mapper.readValue(TWO_CANDIDATES, StudyRequest.class)).id();
		List<JobRow> trials = List.of(queue.claim("test").orElseThrow(), queue.claim("test").orElseThrow());
		List<Long> fillers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			fillers.add(jobs.submit(mapper.readValue(FILLER, JobRequest.class)).id());
		}
		trials.forEach(trial -> runner.run(trial, run -> {
		}));

		coordinator.advanceAll();
		Study waiting = studies.get(id);
		assertThat(waiting.status()).isEqualTo("running");
		assertThat(waiting.rung()).isZero();

		jobs.cancel(fillers.get(0));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			coordinator.advanceAll();
			return studies.get(id).rung() == 1;
		});
		assertThat(studies.get(id).status()).isEqualTo("running");
	}

	@Test
	void aStudyWhoseFirstRungDoesNotFitIsRefusedWithTheQueuesAnswer() {
		jobs.submit(mapper.readValue(FILLER, JobRequest.class));
		jobs.submit(mapper.readValue(FILLER, JobRequest.class));
		StudyRequest request = mapper.readValue(TWO_CANDIDATES, StudyRequest.class);

		assertThatThrownBy(() -> studies.submit(request)).isInstanceOf(JobQueueFullException.class);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE status = 'queued'", Integer.class)).isEqualTo(2);
	}

}
