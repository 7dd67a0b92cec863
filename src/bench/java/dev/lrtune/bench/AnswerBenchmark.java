package dev.lrtune.bench;

import static dev.lrtune.bench.BenchSupport.median;
import static dev.lrtune.bench.BenchSupport.load;
import static dev.lrtune.bench.BenchSupport.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.rangetest.RangeTest;
import dev.lrtune.core.rangetest.RangeTestListener;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.RangeTestResult;

/**
 * Time to answer (bench/answer.sh): against a running service, uploads a generated 100,000 × 50 regression CSV,
 * then times {@code POST /jobs} of a default range test (linear model, seed 1) until {@code GET
 * /jobs/{id}/recommendation} answers it, both ways a client can ask: polled every 2 ms, and one {@code GET
 * /jobs/{id}/recommendation?wait=60} that the server holds until the job ends; after {@value #WARM_UP_JOBS} warm-up
 * jobs (asked for both ways in turn) on a
 * synthetic dataset of the same size (as many range tests as the core below has run before its median). The first
 * job on the dataset splits and standardises it; the next ones with the same dataset and seed, as the jobs of a race
 * or a study, find the split cached: {@value #REPEATS} of each way, alternated (poll, wait, wait, poll, ...). The same
 * rows are then uploaded again and the first job on them timed once more: it meets a service that has run every step
 * before. The first job on the dataset is asked for the way the third argument says ({@code poll}, the default, or
 * {@code wait}), the first job on the second upload the other way: two runs, one of each, give both ways of both. The same work is then timed in this process on the core alone,
 * from the same rows in memory: the split and standardisation plus the range test, and the range test alone; and the
 * core's very first run on this JVM, the cold figure. Medians of {@value #REPEATS}; the server's CPU time per job
 * comes from {@code /proc/<pid>/stat} when its pid is given, in total and by group of threads, and each job's time
 * queued and running from its own timestamps.
 *
 * <p>Arguments: the service's base URL ({@code http://127.0.0.1:8093}), optionally the server's pid, optionally how
 * the first job is asked for ({@code poll} or {@code wait}; {@code -} for the pid when there is none).
 */
public final class AnswerBenchmark {

	private static final int ROWS = 100_000;

	private static final int COLS = 50;

	private static final long JOB_SEED = 1;

	private static final int REPEATS = 7;

	private static final int WARM_UP_JOBS = 1 + REPEATS / 2;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private static final Pattern RECOMMENDED = Pattern.compile("\"recommendedLr\"\\s*:\\s*([-0-9.eE]+|null)");

	/** How long one waiting request may wait on the server, in seconds (the server's default maximum). */
	private static final int WAIT_SECONDS = 60;

	private final String api;

	private final String pid;

	/** Whether the first job on the dataset is asked for with a waiting request (else polled). */
	private final boolean firstWaits;

	private AnswerBenchmark(String base, String pid, boolean firstWaits) {
		this.api = base + "/api/v1";
		this.pid = pid;
		this.firstWaits = firstWaits;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			throw new IllegalArgumentException("usage: AnswerBenchmark <base URL> [server pid] [poll|wait]");
		}
		String first = args.length > 2 ? args[2] : "poll";
		if (!first.equals("poll") && !first.equals("wait")) {
			throw new IllegalArgumentException("the first job is asked for by poll or wait, got " + first);
		}
		String pid = args.length > 1 && !args[1].equals("-") ? args[1] : null;
		new AnswerBenchmark(args[0], pid, first.equals("wait")).run();
	}

	private void run() throws Exception {
		// the service's code warmed up on a synthetic dataset of the same size, as often as the core's below is before
		// its median (a warm-up and half of its repeats), so that the first job below measures the dataset's first
		// use (split, standardised), not the JIT compiling the training loop; asked for both ways in turn, so that
		// neither way's first answers run its request handling cold
		for (int i = 0; i < WARM_UP_JOBS; i++) {
			answer("""
					{"type": "range_test", "dataset": "synthetic:linear?samples=%d&features=%d&seed=9",
					 "model": {"type": "linear"}, "seed": %d}""".formatted(ROWS, COLS, 100 + i), i % 2 == 1);
		}
		double[] features = new double[ROWS * COLS];
		double[] targets = new double[ROWS];
		generate(features, targets);
		long start = System.nanoTime();
		long dataset = upload(csv(features, targets));
		System.out.printf("uploaded %,d x %d as dataset %d in %.2f s  %s%n", ROWS, COLS, dataset,
				(System.nanoTime() - start) / 1e9, load());

		String body = """
				{"type": "range_test", "dataset": "%d", "model": {"type": "linear"}, "seed": %d}""".formatted(dataset, JOB_SEED);
		Answer cold = answer(body, firstWaits);
		List<Answer> warm = new ArrayList<>();
		List<Answer> warmWaited = new ArrayList<>();
		for (int i = 0; i < REPEATS; i++) {
			// alternated, each way first every other time: poll, wait, wait, poll, ...
			boolean waitFirst = i % 2 == 1;
			Answer one = answer(body, waitFirst);
			Answer other = answer(body, !waitFirst);
			warm.add(waitFirst ? other : one);
			warmWaited.add(waitFirst ? one : other);
		}
		// the same rows uploaded again: its first job meets a service whose code has run every step once, so the
		// difference from the first job above is what the service's first use of those steps costs
		long second = upload(csv(features, targets));
		Answer secondCold = answer("""
				{"type": "range_test", "dataset": "%d", "model": {"type": "linear"}, "seed": %d}""".formatted(second,
				JOB_SEED), !firstWaits);

		Dataset data = Dataset.of(features, ROWS, COLS, targets, Task.regression(),
				IntStream.range(0, COLS).mapToObj(col -> "x" + col).toList());
		long coldStart = System.nanoTime();
		core(data); // warm-up, timed: the core's first run on this fresh JVM
		double coreCold = (System.nanoTime() - coldStart) / 1e6;
		double[] coreWithSplit = new double[REPEATS];
		double[] coreAlone = new double[REPEATS];
		Double coreLr = null;
		for (int i = 0; i < REPEATS; i++) {
			long t0 = System.nanoTime();
			SplitDataset split = data.split(SplitDataset.DEFAULT_VALIDATION_FRACTION, JOB_SEED, true, true);
			long t1 = System.nanoTime();
			RangeTestResult result = rangeTest(split);
			long t2 = System.nanoTime();
			coreWithSplit[i] = (t2 - t0) / 1e6;
			coreAlone[i] = (t2 - t1) / 1e6;
			coreLr = result.recommendation().recommendedLr();
		}
		double warmMillis = median(warm.stream().mapToDouble(Answer::millis).toArray());
		double warmCpu = median(warm.stream().mapToDouble(Answer::serverCpuMillis).toArray());
		double waitedMillis = median(warmWaited.stream().mapToDouble(Answer::millis).toArray());
		double waitedCpu = median(warmWaited.stream().mapToDouble(Answer::serverCpuMillis).toArray());
		String firstWay = firstWaits ? "one GET ?wait=" : "polled every 2 ms";
		String secondWay = firstWaits ? "polled every 2 ms" : "one GET ?wait=";
		System.out.printf("service, POST /jobs -> recommendation: first job on the dataset (%s) %.1f ms (server CPU %.0f ms); "
				+ "later jobs, same dataset and seed, polled every 2 ms: median %.1f ms (server CPU %.0f ms) of %s%n",
				firstWay, cold.millis(), cold.serverCpuMillis(), warmMillis, warmCpu,
				Arrays.toString(warm.stream().mapToDouble(Answer::millis).map(m -> Math.round(m * 10) / 10.0).toArray()));
		System.out.printf("service, POST /jobs -> recommendation, later jobs, one GET ?wait=%d after the POST: median "
				+ "%.1f ms (server CPU %.0f ms) of %s; finishedAt to the answer: median %.1f ms (polled %.1f ms)%n",
				WAIT_SECONDS, waitedMillis, waitedCpu, Arrays.toString(warmWaited.stream().mapToDouble(Answer::millis)
					.map(m -> Math.round(m * 10) / 10.0).toArray()),
				median(warmWaited.stream().mapToDouble(Answer::finishedToAnswerMillis).toArray()),
				median(warm.stream().mapToDouble(Answer::finishedToAnswerMillis).toArray()));
		System.out.printf("server CPU by threads: first job %s; later jobs (median) polled %s, waited %s%n",
				cold.threadCpuMillis(), medianByGroup(warm), medianByGroup(warmWaited));
		System.out.printf("first job: %s; later jobs (median): queued %.0f ms, ran %.0f ms polled, queued %.0f ms, ran "
				+ "%.0f ms waited%n", cold.timeline(), median(warm.stream().mapToDouble(Answer::queuedMillis).toArray()),
				median(warm.stream().mapToDouble(Answer::runMillis).toArray()),
				median(warmWaited.stream().mapToDouble(Answer::queuedMillis).toArray()),
				median(warmWaited.stream().mapToDouble(Answer::runMillis).toArray()));
		System.out.printf("the same rows uploaded again, first job on that dataset (%s): %.1f ms (server CPU %.0f ms: %s; "
				+ "%s)%n", secondWay, secondCold.millis(), secondCold.serverCpuMillis(), secondCold.threadCpuMillis(),
				secondCold.timeline());
		System.out.printf("core in-process, same rows and spec: split+standardise+range test %.1f ms, range test alone "
				+ "%.2f ms (medians of %d); its first run on this fresh JVM %.1f ms%n", median(coreWithSplit),
				median(coreAlone), REPEATS, coreCold);
		System.out.printf("ratio service/core (split+range test): first job %.2f (%s), first job on the second upload "
				+ "%.2f (%s), later jobs %.2f polled every 2 ms, %.2f with one GET ?wait=  [target <= 1.5]; "
				+ "recommendedLr service %s, core %s (%s)  %s%n", cold.millis() / median(coreWithSplit), firstWay,
				secondCold.millis() / median(coreWithSplit), secondWay, warmMillis / median(coreWithSplit),
				waitedMillis / median(coreWithSplit), cold.recommendedLr(), coreLr,
				String.valueOf(coreLr).equals(cold.recommendedLr()) ? "identical" : "DIFFERENT", load());
	}

	private static Map<String, Long> medianByGroup(List<Answer> answers) {
		Map<String, Long> medians = new TreeMap<>();
		answers.stream().flatMap(answer -> answer.threadCpuMillis().keySet().stream()).distinct().forEach(group ->
				medians.put(group, Math.round(median(answers.stream()
					.mapToDouble(answer -> answer.threadCpuMillis().getOrDefault(group, 0L)).toArray()))));
		return medians;
	}

	/** Same rows as the service's: 3 decimals, so that the CSV text parses back to the very same doubles. */
	private static void generate(double[] features, double[] targets) {
		SplittableRandom random = new SplittableRandom(42);
		double[] weights = random.doubles(COLS, -1, 1).toArray();
		for (int row = 0; row < ROWS; row++) {
			double y = 0;
			for (int col = 0; col < COLS; col++) {
				double x = Math.round(random.nextDouble(-3, 3) * 1000) / 1000.0;
				features[row * COLS + col] = x;
				y += weights[col] * x;
			}
			targets[row] = Math.round((y + random.nextDouble(-0.5, 0.5)) * 1000) / 1000.0;
		}
	}

	private static byte[] csv(double[] features, double[] targets) {
		StringBuilder text = new StringBuilder(ROWS * (COLS + 1) * 7);
		for (int col = 0; col < COLS; col++) {
			text.append('x').append(col).append(',');
		}
		text.append("y\n");
		for (int row = 0; row < ROWS; row++) {
			for (int col = 0; col < COLS; col++) {
				text.append(features[row * COLS + col]).append(',');
			}
			text.append(targets[row]).append('\n');
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static RangeTestResult rangeTest(SplitDataset split) {
		return new RangeTest(ModelSpec.of("linear"), OptimizerSpec.sgd(), 32,
				RangeTestOptions.of(null, null, null, null, null, null, null, null, null, null))
			.run(split, JOB_SEED, RangeTestListener.NONE, () -> false);
	}

	private static void core(Dataset data) {
		rangeTest(data.split(SplitDataset.DEFAULT_VALIDATION_FRACTION, JOB_SEED, true, true));
	}

	private long upload(byte[] csv) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/datasets?name=answer.csv"))
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofByteArray(csv))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(response.statusCode() == 201, "upload answered " + response.statusCode() + ": " + response.body());
		return id(response.body());
	}

	/**
	 * One job, from its POST to its recommendation: polled every 2 ms, or asked for once with {@code ?wait=} (again
	 * should the wait end first).
	 */
	private Answer answer(String body, boolean waitOnServer) throws Exception {
		Map<String, Long> threads = threadCpuMillis();
		long cpu = serverCpuMillis();
		long faults = serverMinorFaults();
		long start = System.nanoTime();
		java.time.Instant postedAt = java.time.Instant.now();
		HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/jobs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(posted.statusCode() == 202, "POST /jobs answered " + posted.statusCode() + ": " + posted.body());
		URI recommendation = URI.create(api + "/jobs/" + id(posted.body()) + "/recommendation"
				+ (waitOnServer ? "?wait=" + WAIT_SECONDS : ""));
		for (int polls = 1;; polls++) {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(recommendation).build(),
					HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 200) {
				double millis = (System.nanoTime() - start) / 1e6;
				java.time.Instant answeredAt = java.time.Instant.now();
				Matcher lr = RECOMMENDED.matcher(answer.body());
				long used = serverCpuMillis() - cpu;
				long faulted = serverMinorFaults() - faults;
				String job = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/jobs/" + id(posted.body()))).build(),
						HttpResponse.BodyHandlers.ofString()).body();
				Map<String, Long> after = threadCpuMillis();
				after.replaceAll((group, spent) -> spent - threads.getOrDefault(group, 0L));
				return new Answer(millis, used, after, lr.find() ? lr.group(1) : "?",
						between(job, "createdAt", "startedAt"), between(job, "startedAt", "finishedAt"),
						instant(job, "createdAt"), faulted, millisBetween(postedAt, instant(job, "createdAt")),
						millisBetween(instant(job, "finishedAt"), answeredAt), polls);
			}
			check(answer.statusCode() == 409, "GET recommendation answered " + answer.statusCode() + ": " + answer.body());
			// a waiting request answers 409 only when its wait is over; a service without ?wait= answers at once, and is
			// then polled every 2 ms as well
			Thread.sleep(2);
		}
	}

	/**
	 * @param serverCpuMillis the server's CPU time meanwhile (−1 without its pid)
	 * @param threadCpuMillis the same by group of the server's threads (empty without its pid)
	 */
	private record Answer(double millis, double serverCpuMillis, Map<String, Long> threadCpuMillis,
			String recommendedLr, double queuedMillis, double runMillis, java.time.Instant createdAt,
			long minorFaults, double postToCreatedMillis, double finishedToAnswerMillis, int polls) {

		/** Where the time went, as the job's own timestamps tell it. */
		String timeline() {
			return ("queued %.0f ms, ran %.0f ms, the rest (HTTP, polling, the recommendation) %.0f ms: POST to createdAt "
					+ "%.1f ms, finishedAt to the answer %.1f ms, %d requests; %,d minor page faults; created %s").formatted(
					queuedMillis, runMillis, millis - queuedMillis - runMillis, postToCreatedMillis,
					finishedToAnswerMillis, polls, minorFaults, createdAt);
		}

	}

	/** Milliseconds between two timestamps of a job's JSON. */
	private static double between(String job, String from, String to) {
		return millisBetween(instant(job, from), instant(job, to));
	}

	/** Milliseconds from one instant to another (the server's clock and this one are the same machine's). */
	private static double millisBetween(java.time.Instant from, java.time.Instant to) {
		return Duration.between(from, to).toNanos() / 1e6;
	}

	private static java.time.Instant instant(String job, String field) {
		Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(job);
		check(value.find(), "no " + field + " in " + job);
		return java.time.Instant.parse(value.group(1));
	}

	/**
	 * The server's CPU time by group of threads (request threads, workers, the start-up warm-up, JIT, GC, other), from
	 * {@code /proc/<pid>/task/*}{@code /stat}; threads that ended meanwhile are missed. Empty without its pid.
	 */
	private Map<String, Long> threadCpuMillis() throws Exception {
		Map<String, Long> groups = new TreeMap<>();
		if (pid == null) {
			return groups;
		}
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
			for (Path task : tasks) {
				String stat;
				try {
					stat = Files.readString(task.resolve("stat"));
				}
				catch (java.io.IOException ended) {
					continue;
				}
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				groups.merge(group(name), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10, Long::sum);
			}
		}
		return groups;
	}

	private static String group(String thread) {
		if (thread.startsWith("http-nio")) {
			return "request threads";
		}
		if (thread.equals("lrtune-warm-up")) {
			return "warm-up";
		}
		if (thread.startsWith("lrtune-")) {
			return "workers";
		}
		if (thread.contains("GC") || thread.startsWith("G1")) {
			return "GC";
		}
		if (thread.contains("Compiler") || thread.startsWith("C1") || thread.startsWith("C2")) {
			return "JIT";
		}
		return "other";
	}

	/**
	 * The server's minor page faults so far, from /proc: memory it touches for the first time (a heap grown into pages
	 * never used before) faults once per 4 KiB page; −1 without its pid.
	 */
	private long serverMinorFaults() throws Exception {
		if (pid == null) {
			return -1;
		}
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
	}

	/** The server's user + system CPU time, from /proc (clock ticks of 10 ms); −1 without its pid. */
	private long serverCpuMillis() throws Exception {
		if (pid == null) {
			return -1;
		}
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
	}

	private static long id(String json) {
		Matcher id = ID.matcher(json);
		check(id.find(), "no id in " + json);
		return Long.parseLong(id.group(1));
	}
}
