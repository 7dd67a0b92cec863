package dev.lrtune.job.run;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.dataset.DatasetCatalog;
import dev.lrtune.dataset.DatasetShape;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.JobType;
import dev.lrtune.job.queue.Lease;
import dev.lrtune.job.store.JobJson;

/**
 * Runs the code of a job the way a job runs it, on small synthetic problems, so that the JIT has compiled it before
 * the first real job needs it: a range test of a linear regression, of a logistic and of a softmax model, an MLP's
 * range test and a few of its training steps under a schedule with validation, each parsed from a stored request's
 * JSON, split and standardised, run by the job type's {@link JobExecution} with its curve recorder and its result
 * written as JSON; and what an upload and a job on an uploaded dataset run besides (a small CSV parsed, the job's
 * lookups of a dataset's row). Until C2 compiles them, the models' Vector API kernels run in the API's allocating
 * fallback, tens of times slower, and code run for the first time is compiled while the first job waits for a core.
 *
 * <p>Writes nothing anywhere: the curve recorder's batches are dropped, the lookups find no row and are rolled
 * back, the parsed CSV is not stored, no job row, metric or event is made, and
 * nothing is put in a cache a job reads (the requests are read with {@link JobJson#read}, the data is generated
 * here, every random stream comes from the warm-up's own seeds). {@link #yieldToJobs()} stops it before its next
 * iteration, for good: a worker claimed a job, which compiles what it needs itself.
 */
@Component
public class WarmUp {

	/** A lease no job has: the executions only hand it to the recorder's sink, which drops every batch. */
	private static final Lease NO_JOB = new Lease(-1, "warm-up", 0);

	/**
	 * Jobs as they are stored (every default resolved), on rows and widths like a user's: 50 features (not a multiple of
	 * the vector lanes), the default MLP, and for the linear regression 20,000 rows, so that the loops over a dataset's
	 * rows (its split, standardisation and evaluation) run long enough to be compiled too.
	 */
	static final List<String> REQUESTS = List.of("""
			{"type": "range_test", "dataset": "synthetic:linear?samples=20000&features=50&seed=1", "model": {"type": "linear"},
			 "optimizer": {"type": "sgd"}, "batchSize": 32, "seed": 1, "validationFraction": 0.2, "standardizeTarget": true,
			 "rangeTest": {"iterations": 1000}}""", """
			{"type": "range_test", "dataset": "synthetic:blobs?samples=2000&features=50&classes=2&seed=2",
			 "model": {"type": "logistic"}, "optimizer": {"type": "sgd"}, "batchSize": 32, "seed": 2,
			 "validationFraction": 0.2, "standardizeTarget": false, "rangeTest": {"iterations": 300}}""", """
			{"type": "range_test", "dataset": "synthetic:blobs?samples=2000&features=50&classes=3&seed=3",
			 "model": {"type": "softmax"}, "optimizer": {"type": "sgd"}, "batchSize": 32, "seed": 3,
			 "validationFraction": 0.2, "standardizeTarget": false, "rangeTest": {"iterations": 300}}""", """
			{"type": "range_test", "dataset": "synthetic:blobs?samples=2000&features=50&classes=3&seed=4",
			 "model": {"type": "mlp"}, "optimizer": {"type": "sgd", "momentum": 0.9}, "batchSize": 32, "seed": 4,
			 "validationFraction": 0.2, "standardizeTarget": false, "rangeTest": {"iterations": 60}}""", """
			{"type": "training", "dataset": "synthetic:linear?samples=2000&features=50&seed=5", "model": {"type": "mlp"},
			 "optimizer": {"type": "adam"}, "batchSize": 32, "seed": 5, "validationFraction": 0.2,
			 "standardizeTarget": true, "training": {"iterations": 40, "evaluateEvery": 20,
			 "schedule": {"type": "cosine", "lr": 0.01, "tMax": 40}}}""");

	/** An id no dataset has (ids start at 1): the lookups a job makes find no row and lock none. */
	private static final long NO_DATASET = -1;

	/** The rows and feature columns of the CSV the warm-up parses as an upload would. */
	static final int CSV_ROWS = 200;

	static final int CSV_FEATURES = 50;

	private final JobJson json;

	private final List<JobExecution> executions;

	private final CurveSettings curveSettings;

	private final DatasetCatalog catalog;

	private final TransactionTemplate transactions;

	private final byte[] csv = csv();

	private volatile boolean yielded;

	private volatile LocalRun current;

	/** The executions this warm-up has run to their end so far (or stopped), as {@link Report#runs()} will count. */
	private volatile int runsEnded;

	WarmUp(JobJson json, List<JobExecution> executions, CurveSettings curveSettings, DatasetCatalog catalog,
			TransactionTemplate transactions) {
		this.json = json;
		this.executions = executions;
		this.curveSettings = curveSettings;
		this.catalog = catalog;
		this.transactions = transactions;
	}

	/**
	 * Runs every request of {@link #REQUESTS} {@code rounds} times on the calling thread, unless
	 * {@link #yieldToJobs()} stops it first.
	 */
	public Report run(int rounds) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		boolean measured = threads.isCurrentThreadCpuTimeSupported();
		long cpuStart = measured ? threads.getCurrentThreadCpuTime() : 0;
		long start = System.nanoTime();
		int runs = 0;
		long iterations = 0;
		for (int round = 0; round < rounds && !yielded; round++) {
			uploadedDataset();
			for (int i = 0; i < REQUESTS.size() && !yielded; i++) {
				JobRequest request = json.read(REQUESTS.get(i), JobRequest.class);
				// generated, split and standardised each time, as a job that misses the cache does
				iterations += run(request,
						request.split(new JobDatasets.Loaded(SyntheticSpec.parse(request.dataset()).generate(), true)));
				runs++;
				runsEnded = runs;
			}
		}
		long cpu = measured ? threads.getCurrentThreadCpuTime() - cpuStart : -1;
		return new Report(runs, iterations, yielded, (System.nanoTime() - start) / 1_000_000,
				cpu < 0 ? -1 : cpu / 1_000_000);
	}

	/**
	 * What an upload and a job on an uploaded dataset run besides the core: the CSV read and encoded (nothing stored),
	 * and the two reads of a dataset's row a job makes, for an id no dataset has, in a transaction rolled back.
	 */
	private void uploadedDataset() {
		DatasetShape parsed = catalog.parseOnly(csv);
		if (parsed.rows() != CSV_ROWS || parsed.features() != CSV_FEATURES) {
			throw new IllegalStateException("the warm-up's CSV parsed as " + parsed);
		}
		transactions.executeWithoutResult(status -> {
			status.setRollbackOnly();
			catalog.shapeForUse(NO_DATASET);
			catalog.uploadedAt(NO_DATASET);
		});
	}

	/** A regression CSV of {@value #CSV_ROWS} rows, numbers with 3 decimals as users' files have them. */
	private static byte[] csv() {
		SplittableRandom random = new SplittableRandom(CSV_ROWS);
		StringBuilder text = new StringBuilder();
		for (int col = 0; col < CSV_FEATURES; col++) {
			text.append('x').append(col).append(',');
		}
		text.append("y\n");
		for (int row = 0; row < CSV_ROWS; row++) {
			for (int col = 0; col <= CSV_FEATURES; col++) {
				text.append(Math.round(random.nextDouble(-3, 3) * 1000) / 1000.0).append(col < CSV_FEATURES ? ',' : '\n');
			}
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Runs one request as a worker would, and returns the iterations its curve recorded. */
	private long run(JobRequest request, SplitDataset data) {
		JobType type = JobType.of(request.type());
		JobExecution execution = executions.stream().filter(e -> e.type() == type).findFirst().orElseThrow();
		LocalRun run = new LocalRun(NO_JOB, Instant.MAX, data, (flushing, batch) -> !yielded, curveSettings);
		current = run;
		try {
			if (yielded) {
				return 0; // a yield between the check and the assignment above missed this run
			}
			long iterations = request.training() != null ? request.training().iterations()
					: request.rangeTest().iterations();
			JobExecution.Outcome outcome = execution.run(request, iterations, run);
			CurveBatchRecorder recorder = run.recorder();
			recorder.drain(); // what a finished job writes last, dropped
			json.write(outcome.result());
			return recorder.lastIteration() + 1;
		}
		finally {
			current = null; // on every way out, or running() would say a job runs after the warm-up ended
		}
	}

	/** Stops the warm-up before its next iteration, for good (a worker claimed a job). Cheap: called on every claim. */
	public void yieldToJobs() {
		if (!yielded) {
			yielded = true;
			LocalRun run = current;
			if (run != null) {
				run.release();
			}
		}
	}

	/** Whether {@link #yieldToJobs()} was called. */
	public boolean yielded() {
		return yielded;
	}

	/** The executions run to their end (or stopped) so far. */
	int runsEnded() {
		return runsEnded;
	}

	/** Whether a job of the warm-up runs now. */
	boolean running() {
		return current != null;
	}

	/**
	 * @param runs the executions run to their end (or stopped by a yield)
	 * @param iterations the steps they ran, every point of their curves (recorded, then dropped)
	 * @param stopped whether a yield stopped it before the last
	 * @param millis its wall time
	 * @param cpuMillis its thread's CPU time; −1 where the JVM cannot measure it
	 */
	public record Report(int runs, long iterations, boolean stopped, long millis, long cpuMillis) {
	}

}
