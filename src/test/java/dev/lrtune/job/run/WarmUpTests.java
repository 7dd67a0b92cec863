package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.ServiceBeansOnH2;
import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.dataset.DatasetCatalog;
import dev.lrtune.job.store.JobJson;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The start-up warm-up's work, run here on the test's thread: every small job of its set runs to its end, and nothing
 * it did is seen anywhere (no row of any table, no job or cache metric); a yield stops it for good.
 */
@ServiceBeansOnH2
class WarmUpTests {

	private static final List<String> TABLES = List.of("jobs", "job_tags", "datasets", "dataset_chunks", "curve_chunks",
			"curve_validations", "studies", "study_candidates", "study_runs", "study_rungs", "job_submission_lock");

	@Autowired
	JobJson json;

	@Autowired
	List<JobExecution> executions;

	@Autowired
	CurveSettings curveSettings;

	@Autowired
	DatasetCatalog catalog;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry registry;

	/** A warm-up of its own: the context's is the one a ready instance with workers would start. */
	private WarmUp warmUp() {
		return new WarmUp(json, executions, curveSettings, catalog, transactions);
	}

	@Test
	void runsEverySmallJobOfItsSetToItsEndAndWritesNothing() {
		Map<String, Long> rows = rows();
		Map<String, Double> meters = meters();

		WarmUp.Report report = warmUp().run(2);

		assertThat(report.runs()).isEqualTo(2 * WarmUp.REQUESTS.size());
		// the per-dataset path, twice: in the first round and again at the end of the last
		assertThat(report.dataPaths()).isEqualTo(2 * WarmUp.DATA_PATH_REPEATS);
		assertThat(report.stopped()).isFalse();
		// every step of every run: the linear models' range tests run their 1,000 and 300 steps unless they diverge,
		// the MLP's 60, its training 40; a range test stopping at divergence runs fewer
		assertThat(report.iterations()).isGreaterThan(2 * (60 + 40)).isLessThanOrEqualTo(2 * (1000 + 300 + 300 + 60 + 40));
		assertThat(rows()).isEqualTo(rows);
		assertThat(meters()).isEqualTo(meters);
	}

	@Test
	void aYieldBeforeItStartsRunsNothing() {
		WarmUp warmUp = warmUp();
		warmUp.yieldToJobs();

		WarmUp.Report report = warmUp.run(3);

		assertThat(report.runs()).isZero();
		assertThat(report.iterations()).isZero();
		assertThat(report.dataPaths()).isZero();
		assertThat(report.stopped()).isTrue();
	}

	@Test
	void aYieldStopsARunningWarmUpBeforeItsNextIterationForGood() throws Exception {
		WarmUp warmUp = warmUp();
		int rounds = 1_000; // hours of work: only a yield ends it within the wait below
		CompletableFuture<WarmUp.Report> running = CompletableFuture.supplyAsync(() -> warmUp.run(rounds));
		while (!warmUp.running() && !running.isDone()) {
			Thread.onSpinWait();
		}

		warmUp.yieldToJobs();
		int endedAfterYield = warmUp.runsEnded();

		WarmUp.Report report = running.get(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
		assertThat(report.stopped()).isTrue();
		assertThat(warmUp.yielded()).isTrue();
		// the run in progress at the yield ended (at its next iteration) and no other started: one thread runs them,
		// so at most one run can end after the yield beyond those ended when it was read (the run in progress may
		// end between the yield and that read, or a run just started may see the yield first)
		assertThat(report.runs()).isPositive().isLessThanOrEqualTo(endedAfterYield + 1);
		assertThat(warmUp.running()).isFalse();
	}

	/**
	 * The bounded draws of the per-dataset path draw again often: its bound past 2³⁰ about half of the time. Every draw
	 * of the stream, a retry included, takes one step of its seed, so the draws beyond one per call are counted by
	 * stepping a second stream of the same seed until it gives the same next value.
	 */
	@Test
	void theDataPathsBoundedDrawsDrawAgainOften() {
		int calls = WarmUp.DATA_PATH_REPEATS * WarmUp.DRAWS_PER_REPEAT;
		SplittableRandom drawn = RandomStreams.split(WarmUp.DRAWS_PER_REPEAT);
		for (int i = 0; i < calls; i++) {
			RandomStreams.nextIndex(drawn, WarmUp.DRAWS_AGAIN_HALF_THE_TIME);
		}
		long next = drawn.nextLong();
		SplittableRandom stepped = RandomStreams.split(WarmUp.DRAWS_PER_REPEAT);
		for (int i = 0; i < calls; i++) {
			stepped.nextInt();
		}
		int retries = 0;
		while (stepped.nextLong() != next && retries < calls * 10) {
			retries++;
		}
		// a geometric number of retries per call, of mean about 1
		assertThat(retries).isBetween(calls / 2, calls * 2);
	}

	private Map<String, Long> rows() {
		Map<String, Long> rows = new TreeMap<>();
		for (String table : TABLES) {
			rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
		}
		rows.put("datasets.next_id", jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM datasets", Long.class));
		return rows;
	}

	/**
	 * Every measurement of the service's own meters and of its caches, by meter and statistic; but the gauges of jobs
	 * by status and of the queue, which count rows (counted above) through a cache whose reads they would count here.
	 */
	private Map<String, Double> meters() {
		Map<String, Double> values = new TreeMap<>();
		for (Meter meter : registry.getMeters()) {
			String name = meter.getId().getName();
			boolean countsRows = name.equals("lrtune.jobs") || name.equals("lrtune.queue.depth");
			if ((name.startsWith("lrtune.") || name.startsWith("cache.")) && !countsRows) {
				meter.measure().forEach(measurement -> values.put(meter.getId() + " " + measurement.getStatistic(),
						measurement.getValue()));
			}
		}
		return values;
	}

}
