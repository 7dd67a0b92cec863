package dev.lrtune.bench;

import static dev.lrtune.bench.BenchSupport.median;
import static dev.lrtune.bench.BenchSupport.load;
import static dev.lrtune.bench.BenchSupport.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lrtune.LrtuneApplication;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.schedule.ConstantSchedule;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingSettings;

/**
 * The service benchmarks, against the application started in-process on H2 (a file in a temporary
 * directory) and on PostgreSQL (a fresh schema, dropped afterwards), over real HTTP:
 * <ol>
 * <li>(a) a 200,000-iteration logistic job (curve persisted) against the same training run by the core
 * {@link Trainer} with {@link TrainingListener#NONE} (the service has no switch to turn persistence off),
 * alternated, median of {@value #REPEATS} each;</li>
 * <li>(b) median latency of {@code GET /curve?maxPoints=2000} on a 1,000,000-point curve vs a 10,000-point one,
 * requests alternated, and the 1,000,000-point one read point by point ({@code smoothing=0}) for comparison;</li>
 * <li>(c) median time from {@code POST /jobs} to {@code running} (the job's createdAt → startedAt) on an idle
 * service;</li>
 * <li>(d) 2,000 ten-iteration jobs submitted at once (16 client threads): jobs/s until all are finished.</li>
 * </ol>
 * Arguments: {@code h2}, {@code postgres} or both (default), and optionally the parts to run ({@code a} … {@code d},
 * default all); the PostgreSQL URL comes from
 * {@code LRTUNE_BENCH_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 */
public final class ServiceBenchmark {

	private static final int REPEATS = 5;

	private static final String DATASET = "synthetic:blobs?samples=10000&features=20&classes=2&seed=1";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final JdbcTemplate jdbc;

	private ServiceBenchmark(String base, JdbcTemplate jdbc) {
		this.base = base;
		this.jdbc = jdbc;
	}

	public static void main(String[] args) throws Exception {
		List<String> databases = Arrays.stream(args).filter(arg -> arg.length() > 1).toList();
		databases = databases.isEmpty() ? List.of("h2", "postgres") : databases;
		List<String> parts = Arrays.stream(args).filter(arg -> arg.length() == 1).toList();
		parts = parts.isEmpty() ? List.of("a", "b", "c", "d") : parts;
		for (String database : databases) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("server.port", "0");
			properties.put("spring.main.banner-mode", "off");
			properties.put("logging.level.root", "WARN");
			properties.put("lrtune.queue.max-queued", "5000");
			// (b) times reading the curve store; repeated reads would otherwise be answered from memory
			properties.put("lrtune.read-cache.ttl", "0");
			String schema = null;
			if (database.equals("postgres")) {
				String url = postgresUrl();
				schema = "lrtune_bench_" + System.currentTimeMillis();
				try (Connection connection = DriverManager.getConnection(url)) {
					connection.createStatement().execute("CREATE SCHEMA " + schema);
				}
				properties.put("spring.datasource.url", url + "&currentSchema=" + schema);
				properties.put("spring.datasource.username", "");
				properties.put("spring.datasource.password", "");
			}
			else {
				Path dir = Files.createTempDirectory("lrtune-bench");
				properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("lrtune") + ";DB_CLOSE_ON_EXIT=FALSE");
			}
			// As command-line arguments: they override application.properties (default properties would not).
			String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new);
			try (ConfigurableApplicationContext context = SpringApplication.run(LrtuneApplication.class, arguments)) {
				String port = context.getEnvironment().getProperty("local.server.port");
				String url = context.getEnvironment().getProperty("spring.datasource.url");
				System.out.printf("%n== %s: %s (%d cores) ==%n", database, url, Runtime.getRuntime().availableProcessors());
				new ServiceBenchmark("http://127.0.0.1:" + port + "/api/v1", context.getBean(JdbcTemplate.class)).run(parts);
			}
			finally {
				if (schema != null) {
					try (Connection connection = DriverManager.getConnection(postgresUrl())) {
						connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
					}
				}
			}
		}
	}

	private static String postgresUrl() {
		return System.getenv().getOrDefault("LRTUNE_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
	}

	private void run(List<String> parts) throws Exception {
		if (parts.contains("c")) {
			startLatency();
		}
		if (parts.contains("a")) {
			persistenceOverhead();
		}
		if (parts.contains("b")) {
			curveLatency();
		}
		if (parts.contains("d")) {
			throughput();
		}
	}

	/** (c) */
	private void startLatency() throws Exception {
		submit(job(10)); // warm-up: first request, first job
		waitUntilFinished();
		double[] millis = new double[20];
		for (int i = 0; i < millis.length; i++) {
			Thread.sleep(200);
			long id = submit(job(10));
			waitUntilFinished();
			Map<String, Object> row = jdbc.queryForMap("SELECT created_at, started_at FROM jobs WHERE id = ?", id);
			millis[i] = (instant(row.get("started_at")) - instant(row.get("created_at"))) / 1e6;
		}
		System.out.printf("(c) POST /jobs -> running, idle service: median %.1f ms (min %.1f, max %.1f, n=%d)  [target <= 50 ms]  %s%n",
				median(millis), Arrays.stream(millis).min().getAsDouble(), Arrays.stream(millis).max().getAsDouble(),
				millis.length, load());
	}

	/** (a) */
	private void persistenceOverhead() throws Exception {
		int iterations = 200_000;
		trainWithoutService(iterations); // warm-up of both paths
		jobSeconds(iterations);
		double[] off = new double[REPEATS];
		double[] on = new double[REPEATS];
		for (int i = 0; i < REPEATS; i++) {
			off[i] = trainWithoutService(iterations);
			on[i] = jobSeconds(iterations);
		}
		System.out.printf("(a) 200,000-iteration logistic job: curve persisted %.3f s (job startedAt -> finishedAt), "
				+ "core Trainer alone %.3f s; ratio %.3f  [target <= 1.05]  on %s, off %s  %s%n", median(on), median(off),
				median(on) / median(off), Arrays.toString(on), Arrays.toString(off), load());
	}

	private double jobSeconds(long iterations) throws Exception {
		long id = submit(job(iterations));
		waitUntilFinished();
		Map<String, Object> row = jdbc.queryForMap("SELECT status, started_at, finished_at FROM jobs WHERE id = ?", id);
		check("succeeded".equals(row.get("status")), "job " + id + " ended " + row.get("status"));
		return (instant(row.get("finished_at")) - instant(row.get("started_at"))) / 1e9;
	}

	/** The same work as a training job (dataset, split, model, optimizer, schedule, loop), listener NONE. */
	private static double trainWithoutService(long iterations) {
		long start = System.nanoTime();
		SplitDataset data = SyntheticSpec.parse(DATASET).generate().split(0.2, 1, true);
		var model = Models.create(ModelSpec.of("logistic"), data.train().task(), data.train().cols(), 1);
		var optimizer = Optimizers.create(OptimizerSpec.sgd(), model.parameterCount());
		new Trainer(model, optimizer, new ConstantSchedule(0.1), new TrainingSettings(32, iterations, 1000, 1))
			.run(data, TrainingListener.NONE);
		return (System.nanoTime() - start) / 1e9;
	}

	/** (b) */
	private void curveLatency() throws Exception {
		long small = submit(job(10_000));
		long large = submit(job(1_000_000));
		waitUntilFinished();
		String smallUri = base + "/jobs/" + small + "/curve?maxPoints=2000";
		String largeUri = base + "/jobs/" + large + "/curve?maxPoints=2000";
		for (int i = 0; i < 20; i++) {
			get(smallUri);
			get(largeUri);
		}
		// smoothing=0 is the identity but takes the exact path, which reads every point: the cost before summaries.
		String exactUri = largeUri + "&smoothing=0";
		get(exactUri);
		double[] smallMillis = new double[30];
		double[] largeMillis = new double[30];
		double[] exactMillis = new double[10];
		for (int i = 0; i < smallMillis.length; i++) {
			smallMillis[i] = get(smallUri);
			largeMillis[i] = get(largeUri);
			if (i < exactMillis.length) {
				exactMillis[i] = get(exactUri);
			}
		}
		System.out.printf("(b) GET /curve?maxPoints=2000: 1,000,000 points %.2f ms, 10,000 points %.2f ms (medians of %d, "
				+ "alternated); ratio %.2f  [target <= 2]; 1,000,000 points read point by point (smoothing=0) %.2f ms, "
				+ "ratio %.2f  %s%n", median(largeMillis), median(smallMillis), smallMillis.length,
				median(largeMillis) / median(smallMillis), median(exactMillis), median(exactMillis) / median(smallMillis),
				load());
	}

	/** (d) */
	private void throughput() throws Exception {
		int jobs = 2000;
		String body = job(10);
		submit(body); // warm-up: first request, first job
		waitUntilFinished();
		long cpuStart = processCpuNanos();
		long start = System.nanoTime();
		ExecutorService clients = Executors.newFixedThreadPool(16);
		List<Future<Long>> submitted = new ArrayList<>();
		for (int i = 0; i < jobs; i++) {
			submitted.add(clients.submit(() -> submit(body)));
		}
		for (Future<Long> future : submitted) {
			future.get();
		}
		double submitSeconds = (System.nanoTime() - start) / 1e9;
		clients.shutdown();
		waitUntilFinished();
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
		Integer failed = jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE status <> 'succeeded'", Integer.class);
		System.out.printf("(d) %d ten-iteration jobs submitted at once: all finished in %.2f s = %.0f jobs/s "
				+ "(submitting took %.2f s; %d not succeeded); process CPU %.2f s = %.2f ms per job (the HTTP clients "
				+ "included)  %s%n", jobs, seconds, jobs / seconds, submitSeconds, failed, cpuSeconds,
				cpuSeconds * 1000 / jobs, load());
	}

	private static String job(long iterations) {
		return """
				{"type": "training", "dataset": "%s", "model": {"type": "logistic"}, "optimizer": {"type": "sgd"},
				 "batchSize": 32, "seed": 1, "training": {"iterations": %d, "evaluateEvery": 1000,
				 "schedule": {"type": "constant", "lr": 0.1}}}""".formatted(DATASET, iterations);
	}

	private long submit(String body) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(response.statusCode() == 202, "POST /jobs answered " + response.statusCode() + ": " + response.body());
		String location = response.headers().firstValue("Location").orElseThrow();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private double get(String uri) throws Exception {
		long start = System.nanoTime();
		HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		double millis = (System.nanoTime() - start) / 1e6;
		check(response.statusCode() == 200, "GET " + uri + " answered " + response.statusCode());
		return millis;
	}

	private void waitUntilFinished() throws InterruptedException {
		while (jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')", Integer.class) > 0) {
			Thread.sleep(2);
		}
	}

	private static long instant(Object timestamp) {
		java.time.Instant instant = timestamp instanceof Timestamp t ? t.toInstant()
				: timestamp instanceof java.time.OffsetDateTime o ? o.toInstant() : (java.time.Instant) timestamp;
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	/** CPU time of this process (server, database and HTTP clients), all threads. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}
}
