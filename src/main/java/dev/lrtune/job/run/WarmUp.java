package dev.lrtune.job.run;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.MetricSums;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.Models;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.dataset.DatasetCatalog;
import dev.lrtune.dataset.DatasetShape;
import dev.lrtune.dataset.TargetKind;
import dev.lrtune.dataset.TrainingData;
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
 * <p>A job calls some of that code only a few times, each call a long loop: a dataset's hand-over, its split and
 * standardisation once per job, the validation pass of a linear model once per evaluation. A few such jobs get the
 * loops compiled on the stack (OSR) but not the methods themselves, which HotSpot compiles with C2 once they have been
 * called some hundreds of times, or on the next call after their loop's OSR compilation: the first job of a user then
 * paid for those compilations, tens of milliseconds of a core beside its own. So the first round also runs that path
 * {@value #DATA_PATH_REPEATS} times on a small dataset ({@link #dataPath()}): uploaded rows handed over as an upload
 * hands them, split and standardised as the linear and the logistic range tests ask, and their validation rows
 * evaluated by the model; and the last round runs it again, once the compilations of start-up and of the small jobs
 * are done.
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

	/**
	 * How often the first round runs a job's per-dataset path on a small dataset: past HotSpot's threshold for a C2
	 * compilation of a method called this often with loops inside (600 calls, with its loops' iterations 15,000 in
	 * all), with room to spare, and a few milliseconds of work per hundred.
	 */
	static final int DATA_PATH_REPEATS = 1_000;

	/** The small dataset's rows (a fifth of them held out, more than one chunk of a model's evaluation loop). */
	static final int DATA_PATH_ROWS = 160;

	/**
	 * Bounded draws ({@link RandomStreams#nextIndex}) per repeat, from a bound just past 2³⁰, which draws again about
	 * half of the time: spread over the repeats, so that some are made while the draw's code is profiled (interpreted,
	 * then in C1), whenever that is.
	 */
	static final int DRAWS_PER_REPEAT = 4;

	/** A bound whose draws are drawn again about half of the time: 2³¹ mod it is 2³⁰ − 1. */
	static final int DRAWS_AGAIN_HALF_THE_TIME = (1 << 30) + 1;

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
		int dataPaths = 0;
		for (int round = 0; round < rounds && !yielded; round++) {
			uploadedDataset();
			if (round == 0) {
				dataPaths = dataPath();
			}
			for (int i = 0; i < REQUESTS.size() && !yielded; i++) {
				JobRequest request = json.read(REQUESTS.get(i), JobRequest.class);
				// generated, split and standardised each time, as a job that misses the cache does
				iterations += run(request,
						request.split(new JobDatasets.Loaded(SyntheticSpec.parse(request.dataset()).generate(), true)));
				runs++;
				runsEnded = runs;
			}
			if (round == rounds - 1 && !yielded) {
				dataPaths += dataPath(); // again, its compiler queues drained: see dataPath()
			}
		}
		long cpu = measured ? threads.getCurrentThreadCpuTime() - cpuStart : -1;
		return new Report(runs, iterations, dataPaths, yielded, (System.nanoTime() - start) / 1_000_000,
				cpu < 0 ? -1 : cpu / 1_000_000);
	}

	/**
	 * What every job on a dataset runs once per dataset or per evaluation, {@value #DATA_PATH_REPEATS} times on
	 * {@value #DATA_PATH_ROWS} rows of 50 features: the rows handed over as an upload hands them to the jobs
	 * ({@link UploadedJobDatasets#loaded}, which validates them), split and standardised as the linear and the logistic
	 * range tests of {@link #REQUESTS} ask (a regression target standardised, class indices not), and the validation
	 * rows evaluated by the model (its parameters non-zero, so that both outcomes of a prediction occur). Everything
	 * is made here and dropped; returns the repeats run, fewer when a yield stopped them.
	 *
	 * <p>Each repeat also makes {@value #DRAWS_PER_REPEAT} of a shuffle's bounded draws ({@link RandomStreams#nextIndex})
	 * from a bound that draws again about half of the time, past the largest multiple of the bound: the splits'
	 * shuffles here never do, and one of 100,000 rows does about once. C2 compiles a branch its profile has never seen
	 * taken as a trap, which throws the compiled split and shuffle away the first time it is taken: in the first large
	 * job, which then ran them interpreted and compiled them again. (The draw's other rare branch, a bound that is a
	 * power of two, the small shuffles take: 128, 64, ….)
	 *
	 * <p>Run once in the first round, it left the model's evaluation loop ({@code LinearPredictor.accumulate}) and
	 * its dot product in C1: the first half of its calls ran in C1 code that does not profile (C1's profiling tier
	 * waits while C2's queue is long, as it is at start-up), and that same queue raised the calls C2 asks for, so the
	 * repeats ended short of them and the first jobs compiled the loop with C2 (an OSR and a method compilation, 55-135
	 * ms of the C2 thread). The last round runs the repeats again, when the queues have drained: their profile is then
	 * already made, and C2 compiles the path within them.
	 */
	private int dataPath() {
		SplittableRandom draws = RandomStreams.split(DRAWS_PER_REPEAT);
		List<DataPath> paths = List.of(DataPath.of(json.read(REQUESTS.get(0), JobRequest.class)),
				DataPath.of(json.read(REQUESTS.get(1), JobRequest.class)));
		MetricSums sums = new MetricSums();
		int repeats = 0;
		for (; repeats < DATA_PATH_REPEATS && !yielded; repeats++) {
			for (int draw = 0; draw < DRAWS_PER_REPEAT; draw++) {
				RandomStreams.nextIndex(draws, DRAWS_AGAIN_HALF_THE_TIME);
			}
			for (DataPath path : paths) {
				SplitDataset split = path.request().split(UploadedJobDatasets.loaded(path.rows()));
				path.model().evaluate(split.validation(), sums);
				if (!Double.isFinite(sums.meanLoss())) {
					throw new IllegalStateException("the warm-up's " + path.request().model().type()
							+ " model measured a loss of " + sums.meanLoss());
				}
			}
		}
		return repeats;
	}

	/**
	 * A request's model on a small dataset like its own, as the rows an upload hands over.
	 * @param rows the rows, with their arrays: read, never written (the hand-over wraps them, the split copies them)
	 */
	private record DataPath(JobRequest request, TrainingData rows, Model model) {

		static DataPath of(JobRequest request) {
			SyntheticSpec own = SyntheticSpec.parse(request.dataset());
			Dataset data = new SyntheticSpec(own.generator(), DATA_PATH_ROWS, own.features(), own.classes(), own.noise(),
					own.seed()).generate();
			boolean classification = data.task().isClassification();
			TrainingData rows = new TrainingData(data.features(), data.rows(), data.cols(), data.targets(),
					classification ? TargetKind.CLASSIFICATION : TargetKind.REGRESSION,
					classification ? data.task().classes() : 0, data.featureNames(), true);
			Model model = Models.create(request.model().toSpec(), data.task(), data.cols(), request.seed());
			double[] parameters = model.parameters();
			SplittableRandom random = new SplittableRandom(request.seed());
			for (int i = 0; i < parameters.length; i++) {
				parameters[i] = random.nextDouble(-0.1, 0.1);
			}
			return new DataPath(request, rows, model);
		}

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
	 * @param dataPaths the repeats of a job's per-dataset path on a small dataset ({@link #DATA_PATH_REPEATS} in the
	 *     first round and as many in the last, fewer when a yield stopped them)
	 * @param stopped whether a yield stopped it before the last
	 * @param millis its wall time
	 * @param cpuMillis its thread's CPU time; −1 where the JVM cannot measure it
	 */
	public record Report(int runs, long iterations, int dataPaths, boolean stopped, long millis, long cpuMillis) {
	}

}
