package dev.lrtune.bench;

import static dev.lrtune.bench.BenchSupport.load;
import static dev.lrtune.bench.BenchSupport.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * The study benchmark: the wall time of an 8-candidate study (range test, then successive halving with eta 3) against
 * its peer, the 8 candidates each trained to the full budget (what a user without studies would run), on the same
 * service (in-process, H2 file, 2 workers, over HTTP), one after the other. Both sides use the same dataset, model,
 * seed and schedules (the study's generated candidates), so their best validation losses compare directly.
 * Arguments: the budgets to run (default 27000 81000).
 */
public final class StudyBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * Two small networks where training time dominates (a linear model trains too fast for the wall time to mean
	 * much): plain SGD, where every family trains, and momentum 0.9, where the finder's rates are at the edge of
	 * stability and some families die (the study has to avoid them).
	 */
	private static final Map<String, String> SETUPS = Map.of(
			"moons, MLP 32-32, plain SGD, batch 32", """
					"dataset": "synthetic:moons?samples=4000&noise=0.3&seed=7", "model": {"type": "mlp", "hidden": [32, 32]},
					"batchSize": 32, "seed": 13""",
			"moons, MLP 32-32, SGD momentum 0.9, batch 32", """
					"dataset": "synthetic:moons?samples=4000&noise=0.3&seed=7", "model": {"type": "mlp", "hidden": [32, 32]},
					"optimizer": {"type": "sgd", "momentum": 0.9}, "batchSize": 32, "seed": 13""");

	private final String base;

	private StudyBenchmark(String base) {
		this.base = base;
	}

	public static void main(String[] args) throws Exception {
		Path dir = Files.createTempDirectory("lrtune-study-bench");
		String[] arguments = { "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--lrtune.workers.threads=2", "--lrtune.studies.poll-interval=100ms",
				"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("lrtune") + ";DB_CLOSE_ON_EXIT=FALSE" };
		try (ConfigurableApplicationContext context = SpringApplication.run(dev.lrtune.LrtuneApplication.class, arguments)) {
			String port = context.getEnvironment().getProperty("local.server.port");
			StudyBenchmark bench = new StudyBenchmark("http://127.0.0.1:" + port + "/api/v1");
			System.out.printf("%n== study vs. 8 full runs: H2 file, 2 workers, %d cores ==%n",
					Runtime.getRuntime().availableProcessors());
			for (Map.Entry<String, String> setup : new java.util.TreeMap<>(SETUPS).entrySet()) {
				bench.run(setup.getValue(), 300); // warm-up: JIT, the first requests and the dataset, not reported
				System.out.printf("%n-- %s --%n", setup.getKey());
				for (String budget : args.length == 0 ? new String[] { "27000", "81000" } : args) {
					bench.run(setup.getValue(), Long.parseLong(budget));
				}
			}
		}
	}


	private void run(String setup, long budget) throws Exception {
		long started = System.nanoTime();
		Map<String, Object> study = post("/studies", "{" + setup + ", \"iterations\": " + budget + "}");
		study = waitFor("/studies/" + study.get("id"));
		double studySeconds = (System.nanoTime() - started) / 1e9;
		check("succeeded".equals(study.get("status")), "study ended " + study.get("status") + ": " + study.get("error"));
		long studyIterations = iterations("/jobs?size=100&studyId=" + study.get("id"));
		List<Map<String, Object>> trials = maps(study.get("trials"));
		trials.sort(Comparator.comparingInt(t -> (Integer) t.get("candidate")));

		started = System.nanoTime();
		List<Object> ids = new ArrayList<>();
		for (Map<String, Object> trial : trials) {
			ids.add(post("/jobs", "{\"type\": \"training\", " + setup + ", \"training\": {\"iterations\": " + budget
					+ ", \"evaluateEvery\": " + map(study.get("request")).get("evaluateEvery") + ", \"schedule\": "
					+ JSON.writeValueAsString(trial.get("schedule")) + "}}").get("id"));
		}
		List<Map<String, Object>> full = new ArrayList<>();
		for (Object id : ids) {
			full.add(waitFor("/jobs/" + id));
		}
		double fullSeconds = (System.nanoTime() - started) / 1e9;
		long fullIterations = full.stream().mapToLong(job -> ((Number) map(job.get("progress")).get("iteration")).longValue()).sum();

		Map<String, Object> best = map(study.get("best"));
		double studyBest = ((Number) best.get("validationLoss")).doubleValue();
		List<Double> losses = full.stream().map(job -> validationLoss(job)).toList();
		double fullBest = losses.stream().min(Double::compare).orElseThrow();
		int picked = trials.stream().filter(t -> t.get("jobId").equals(best.get("jobId"))).map(t -> (Integer) t.get("candidate"))
			.findFirst().orElseThrow();
		long placeOfPick = losses.stream().filter(loss -> loss < losses.get(picked)).count() + 1;
		if (budget < 1000) {
			return;
		}
		System.out.printf("budget %,d iterations: study %.2f s (%,d iterations incl. the range test), 8 full runs %.2f s "
				+ "(%,d iterations); wall time full/study %.2f×, iterations full/study %.2f×%n", budget, studySeconds,
				studyIterations, fullSeconds, fullIterations, fullSeconds / studySeconds,
				(double) fullIterations / studyIterations);
		System.out.printf("  best validation loss: study %.5f (%s, candidate %d), best of the full runs %.5f; the study's "
				+ "pick is #%d of 8 full runs; full-run losses by candidate %s  %s%n", studyBest,
				map(best.get("schedule")).get("type"), picked, fullBest, placeOfPick, losses.stream()
					.map(loss -> String.format("%.4f", loss)).toList(), load());
	}

	private static double validationLoss(Map<String, Object> job) {
		Object loss = map(job.get("result")).get("validationLoss");
		return loss == null ? Double.POSITIVE_INFINITY : ((Number) loss).doubleValue();
	}

	private long iterations(String path) throws Exception {
		return maps(get(path).get("items")).stream()
			.mapToLong(job -> ((Number) map(job.get("progress")).get("iteration")).longValue())
			.sum();
	}

	private Map<String, Object> waitFor(String path) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
		while (Instant.now().isBefore(deadline)) {
			Map<String, Object> body = get(path);
			Object status = body.get("status");
			if (!"running".equals(status) && !"queued".equals(status)) {
				return body;
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException(path + " did not finish in 30 minutes");
	}

	private Map<String, Object> post(String path, String body) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(response.statusCode() == 202, path + " answered " + response.statusCode() + ": " + response.body());
		return map(JSON.readValue(response.body(), Map.class));
	}

	private Map<String, Object> get(String path) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		check(response.statusCode() == 200, path + " answered " + response.statusCode());
		return map(JSON.readValue(response.body(), Map.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> maps(Object value) {
		return new ArrayList<>((List<Map<String, Object>>) value);
	}
}
