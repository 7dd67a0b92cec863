package dev.lrtune.bench;

import static dev.lrtune.bench.BenchSupport.median;
import static dev.lrtune.bench.BenchSupport.load;
import static dev.lrtune.bench.BenchSupport.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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
 * /jobs/{id}/recommendation} answers it (polled every 2 ms), after a warm-up job on a synthetic dataset of the same
 * size. The first job on the dataset is cold (the
 * dataset is read from the database, split and standardised); the next ones with the same dataset and seed, as the
 * jobs of a race or a study, find the split cached. The same work is then timed in this process on the core alone,
 * from the same rows in memory: the split and standardisation plus the range test, and the range test alone.
 * Medians of {@value #REPEATS}; the server's CPU time per job comes from {@code /proc/<pid>/stat} when its pid is
 * given.
 *
 * <p>Arguments: the service's base URL ({@code http://127.0.0.1:8093}), optionally the server's pid.
 */
public final class AnswerBenchmark {

	private static final int ROWS = 100_000;

	private static final int COLS = 50;

	private static final long JOB_SEED = 1;

	private static final int REPEATS = 7;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private static final Pattern RECOMMENDED = Pattern.compile("\"recommendedLr\"\\s*:\\s*([-0-9.eE]+|null)");

	private final String api;

	private final String pid;

	private AnswerBenchmark(String base, String pid) {
		this.api = base + "/api/v1";
		this.pid = pid;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			throw new IllegalArgumentException("usage: AnswerBenchmark <base URL> [server pid]");
		}
		new AnswerBenchmark(args[0], args.length > 1 ? args[1] : null).run();
	}

	private void run() throws Exception {
		// the service's code warmed up on a synthetic dataset of the same size, so the first job below measures the
		// dataset's first use (read from the database, split, standardised), not the JVM's start
		answer("""
				{"type": "range_test", "dataset": "synthetic:linear?samples=%d&features=%d&seed=9",
				 "model": {"type": "linear"}, "seed": 2}""".formatted(ROWS, COLS));
		double[] features = new double[ROWS * COLS];
		double[] targets = new double[ROWS];
		generate(features, targets);
		long start = System.nanoTime();
		long dataset = upload(csv(features, targets));
		System.out.printf("uploaded %,d x %d as dataset %d in %.2f s  %s%n", ROWS, COLS, dataset,
				(System.nanoTime() - start) / 1e9, load());

		String body = """
				{"type": "range_test", "dataset": "%d", "model": {"type": "linear"}, "seed": %d}""".formatted(dataset, JOB_SEED);
		Answer cold = answer(body);
		List<Answer> warm = new ArrayList<>();
		for (int i = 0; i < REPEATS; i++) {
			warm.add(answer(body));
		}

		Dataset data = Dataset.of(features, ROWS, COLS, targets, Task.regression(),
				IntStream.range(0, COLS).mapToObj(col -> "x" + col).toList());
		core(data); // warm-up
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
		System.out.printf("service, POST /jobs -> recommendation: first job on the dataset %.1f ms (server CPU %.0f ms); "
				+ "later jobs, same dataset and seed: median %.1f ms (server CPU %.0f ms) of %s%n", cold.millis(),
				cold.serverCpuMillis(), warmMillis, warmCpu, Arrays.toString(warm.stream().mapToDouble(Answer::millis)
					.map(m -> Math.round(m * 10) / 10.0).toArray()));
		System.out.printf("core in-process, same rows and spec: split+standardise+range test %.1f ms, range test alone "
				+ "%.2f ms (medians of %d)%n", median(coreWithSplit), median(coreAlone), REPEATS);
		System.out.printf("ratio service/core (split+range test): first job %.2f, later jobs %.2f  [target <= 1.5]; "
				+ "recommendedLr service %s, core %s (%s)  %s%n", cold.millis() / median(coreWithSplit),
				warmMillis / median(coreWithSplit), cold.recommendedLr(), coreLr,
				String.valueOf(coreLr).equals(cold.recommendedLr()) ? "identical" : "DIFFERENT", load());
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

	/** One job, from its POST to its recommendation. */
	private Answer answer(String body) throws Exception {
		long cpu = serverCpuMillis();
		long start = System.nanoTime();
		HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/jobs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(posted.statusCode() == 202, "POST /jobs answered " + posted.statusCode() + ": " + posted.body());
		URI recommendation = URI.create(api + "/jobs/" + id(posted.body()) + "/recommendation");
		while (true) {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(recommendation).build(),
					HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 200) {
				double millis = (System.nanoTime() - start) / 1e6;
				Matcher lr = RECOMMENDED.matcher(answer.body());
				return new Answer(millis, serverCpuMillis() - cpu, lr.find() ? lr.group(1) : "?");
			}
			check(answer.statusCode() == 409, "GET recommendation answered " + answer.statusCode() + ": " + answer.body());
			Thread.sleep(2);
		}
	}

	/** @param serverCpuMillis the server's CPU time meanwhile (−1 without its pid) */
	private record Answer(double millis, double serverCpuMillis, String recommendedLr) {
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
