package dev.lrtune.bench;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.LrtuneApplication;
import dev.lrtune.curve.CurveBatch;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.curve.Curves;

/**
 * The curve store's own write rate, the yardstick of {@code bench/ingest.sh}: as many writers as the ingest benchmark
 * has clients each record a job's curve the way a server job does ({@link CurveBatchRecorder}, one flush per
 * {@code batch} iterations, each flush one transaction that updates the job's row, as the worker's heartbeat does,
 * and writes the batch with {@link Curves#write}), the same points the ingest clients post. No HTTP and no JSON:
 * what is left is the store. The application is started in-process (for its data source, schema and beans); the jobs
 * are client-run jobs created over HTTP, whose rows the writers then update.
 *
 * <p>Arguments: {@code h2} and/or {@code postgres}, then writers, batch and batches per writer (default 8 1000 100).
 * Prints one line per database: {@code server-path <database> <points/s> ...}.
 */
public final class CurveWriteBenchmark {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	public static void main(String[] args) throws Exception {
		List<String> databases = new ArrayList<>();
		List<Integer> numbers = new ArrayList<>();
		for (String arg : args) {
			if (arg.chars().allMatch(Character::isDigit)) {
				numbers.add(Integer.parseInt(arg));
			}
			else {
				databases.add(arg);
			}
		}
		int writers = numbers.size() > 0 ? numbers.get(0) : 8;
		int batch = numbers.size() > 1 ? numbers.get(1) : 1000;
		int batches = numbers.size() > 2 ? numbers.get(2) : 100;
		for (String database : databases.isEmpty() ? List.of("postgres", "h2") : databases) {
			String schema = null;
			List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN", "--lrtune.workers.enabled=false"));
			if (database.equals("postgres")) {
				schema = "lrtune_curvewrite_" + System.currentTimeMillis();
				try (Connection connection = DriverManager.getConnection(postgresUrl())) {
					connection.createStatement().execute("CREATE SCHEMA " + schema);
				}
				arguments.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + postgresUrl() + "&currentSchema=" + schema,
						"--spring.flyway.schemas=" + schema, "--spring.datasource.username=",
						"--spring.datasource.password="));
			}
			else {
				Path dir = Files.createTempDirectory("lrtune-curvewrite");
				arguments.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("lrtune") + ";DB_CLOSE_ON_EXIT=FALSE");
			}
			try (ConfigurableApplicationContext context = SpringApplication.run(LrtuneApplication.class,
					arguments.toArray(String[]::new))) {
				String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
				var run = new Run(context.getBean(Curves.class), context.getBean(TransactionTemplate.class),
						context.getBean(JdbcTemplate.class), base, writers, batch);
				run.round(Math.max(1, batches / 2)); // warm-up
				long cpuBefore = processCpuNanos();
				long start = System.nanoTime();
				run.round(batches);
				double seconds = (System.nanoTime() - start) / 1e9;
				double cpu = (processCpuNanos() - cpuBefore) / 1e9;
				long points = (long) writers * batch * batches;
				System.out.printf("server-path %s %.0f points/s: %d writers x %d flushes of %d points in %.2f s; "
						+ "CPU of this process %.2f cores (%.2f us per point); load average %s%n", database,
						points / seconds, writers, batches, batch, seconds, cpu / seconds, 1e6 * cpu / points, load());
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

	private record Run(Curves curves, TransactionTemplate transactions, JdbcTemplate jdbc, String base, int writers,
			int batch) {

		void round(int batches) throws Exception {
			List<Long> jobs = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				jobs.add(createJob((long) batches * batch));
			}
			ExecutorService pool = Executors.newFixedThreadPool(writers);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (long job : jobs) {
					done.add(pool.submit(() -> record(job, batches)));
				}
				for (Future<?> future : done) {
					future.get();
				}
			}
			finally {
				pool.shutdown();
			}
		}

		/** One job's curve, flushed every {@code batch} iterations as a server job's recorder hands it over. */
		private Void record(long job, int batches) {
			// never flushes on its own: the writer drains it every batch iterations
			CurveBatchRecorder recorder = new CurveBatchRecorder(b -> true, false,
					new CurveSettings(100_000, Duration.ofHours(1), Integer.MAX_VALUE));
			long iteration = 0;
			for (int b = 0; b < batches; b++) {
				for (int i = 0; i < batch; i++, iteration++) {
					recorder.onIteration(iteration, 0.1 * (1 + 1e-6 * iteration), Double.NaN,
							2.3 * Math.exp(-iteration / 50_000.0) + 0.05 * Math.sin(iteration * 0.7));
				}
				CurveBatch drained = recorder.drain();
				long stored = iteration;
				transactions.executeWithoutResult(status -> {
					Instant now = Instant.now();
					jdbc.update("UPDATE jobs SET iteration = ?, progress_at = ?, lease_until = ? WHERE id = ? "
							+ "AND status = 'running'", stored, Timestamp.from(now), Timestamp.from(now.plusSeconds(30)), job);
					curves.write(job, drained);
				});
			}
			return null;
		}

		private long createJob(long iterations) throws Exception {
			String json = "{\"type\": \"training\", \"runner\": \"client\", \"training\": {\"iterations\": " + iterations
					+ ", \"schedule\": {\"type\": \"constant\", \"lr\": 0.1}}}";
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher id = ID.matcher(response.body());
			if (response.statusCode() != 201 || !id.find()) {
				throw new IllegalStateException("POST /api/v1/jobs answered " + response.statusCode() + ": "
						+ response.body());
			}
			return Long.parseLong(id.group(1));
		}

	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static String load() throws Exception {
		return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).findFirst().orElse("?");
	}

	private static String postgresUrl() {
		return System.getenv().getOrDefault("LRTUNE_BENCH_POSTGRES_URL",
				"jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
	}

}
