package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.lrtune.StudiesOverHttp;

/**
 * Over real HTTP: after a small job, the actuator shows the worker pool (idle once the job ended: the classes sharing
 * this context wait for what they start) and the job metrics, counted at least as this class's job adds them; info
 * names the build.
 */
@StudiesOverHttp
class HealthAndMetricsTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final int ITERATIONS = 300;

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void connect() {
		http = RestClient.create("http://localhost:" + port);
	}

	@Test
	void afterAJobHealthShowsTheWorkerPoolBesideTheDatabase() {
		runTrainingJob();

		// the worker records its metrics and frees itself just after the outcome commits
		await().atMost(Duration.ofSeconds(10)).untilAsserted(this::healthShowsAnIdlePool);
	}

	private void healthShowsAnIdlePool() {
		Map<String, Object> health = http.get().uri("/actuator/health").retrieve().body(JSON);
		Map<String, Object> components = (Map<String, Object>) health.get("components");
		assertThat(components).containsKeys("db", "workers");
		Map<String, Object> workers = (Map<String, Object>) components.get("workers");
		assertThat(workers).containsEntry("status", "UP");
		assertThat((Map<String, Object>) workers.get("details")).containsEntry("enabled", true)
			.containsEntry("threads", 2)
			.containsEntry("busyThreads", 0)
			.containsEntry("queueDepth", 0);
	}

	@Test
	void afterAJobPrometheusShowsItsIterationsPointsAndDuration() {
		runTrainingJob();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(this::prometheusCountsTheJob);
	}

	private void prometheusCountsTheJob() {
		String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(metrics).contains("lrtune_jobs{status=\"queued\"}", "lrtune_jobs{status=\"running\"}",
				"lrtune_queue_depth", "lrtune_curve_write_lag_seconds_count",
				"lrtune_job_duration_seconds_bucket{");
		assertThat(value(metrics, "lrtune_jobs\\{status=\"succeeded\"\\}")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "lrtune_iterations_total")).isGreaterThanOrEqualTo(ITERATIONS);
		// every iteration is a point, and each of the 3 evaluations one more
		assertThat(value(metrics, "lrtune_curve_points_written_total")).isGreaterThanOrEqualTo(ITERATIONS + 3);
		assertThat(value(metrics, "lrtune_curve_write_lag_seconds_count")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics,
				"lrtune_job_duration_seconds_count\\{status=\"succeeded\",type=\"training\"\\}"))
			.isGreaterThanOrEqualTo(1);
		// the caches: the job was polled until it finished, so its view was loaded at least once
		assertThat(metrics).contains("cache_gets_total{cache=\"job-views\",result=\"hit\"}",
				"cache_gets_total{cache=\"curves\",result=\"miss\"}", "cache_gets_total{cache=\"job-json\",result=\"hit\"}",
				"cache_gets_total{cache=\"job-counts\",result=\"miss\"}");
		assertThat(value(metrics, "cache_gets_total\\{cache=\"job-views\",result=\"miss\"\\}")).isGreaterThanOrEqualTo(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void infoNamesTheBuild() {
		Map<String, Object> info = http.get().uri("/actuator/info").retrieve().body(JSON);

		Map<String, Object> build = (Map<String, Object>) info.get("build");
		assertThat(build).as("/actuator/info: %s", info).isNotNull();
		assertThat(build).containsEntry("artifact", "lrtune").containsEntry("group", "dev.lrtune")
			.containsKeys("version", "time");
	}

	private void runTrainingJob() {
		URI location = http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body("""
				{"type": "training", "dataset": "synthetic:moons?samples=200&seed=7", "model": {"type": "logistic"},
				 "seed": 1, "training": {"iterations": %d, "evaluateEvery": 100,
				 "schedule": {"type": "constant", "lr": 0.1}}}""".formatted(ITERATIONS))
			.retrieve()
			.toBodilessEntity()
			.getHeaders()
			.getLocation();
		Map<String, Object> job = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(
				() -> http.get().uri(location).retrieve().body(JSON),
				body -> !List.of("queued", "running").contains(body.get("status")));
		assertThat(job.get("status")).isEqualTo("succeeded");
	}

	/** The value of the first sample whose name and labels match {@code series}. */
	private static double value(String metrics, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)").matcher(metrics);
		assertThat(matcher.find()).as("a sample of %s in%n%s", series, metrics).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
