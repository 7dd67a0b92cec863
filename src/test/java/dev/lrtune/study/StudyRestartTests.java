package dev.lrtune.study;

import static dev.lrtune.study.StudyEndToEndTests.JSON;
import static dev.lrtune.study.StudyEndToEndTests.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.web.client.RestClient;

import dev.lrtune.LrtuneApplication;
import dev.lrtune.WorkerGate;

/**
 * A study survives a restart of the one-command setup (an H2 file database): stopped in the middle of a rung, the
 * restarted application resumes it where its rungs stood and ends with the ranking of an uninterrupted study.
 */
class StudyRestartTests {

	/**
	 * 30,000 iterations in all, rung 1's two trials run one after the other on the one worker, on a small network: the
	 * assertions compare the study with itself, whatever it learns, and the first application's worker is held at a
	 * {@link WorkerGate} once rung 1 is under way, however fast its trials train.
	 */
	private static final String STUDY = """
			{"dataset": "synthetic:moons?samples=2000&noise=0.25&seed=5", "model": {"type": "mlp", "hidden": [8]},
			 "seed": 11, "iterations": 10000, "evaluateEvery": 250,
			 "candidates": [{"type": "constant", "lr": 5},
			                {"type": "constant", "lr": 0.3},
			                {"type": "exponential", "lr": 0.3, "decayRate": 0.01, "decaySteps": 10000},
			                {"type": "constant", "lr": 0.0003}],
			 "strategy": {"type": "successive_halving", "eta": 2, "minIterations": 2500}}""";

	@TempDir
	Path directory;

	@Test
	void aStudyStoppedMidRungResumesAfterARestartAndEndsWithTheRankingOfAnUninterruptedStudy() throws Exception {
		Object id;
		WorkerGate gate = new WorkerGate();
		try (ConfigurableApplicationContext app = start(gate, "0ms")) {
			RestClient http = http(app);
			id = submit(http).get("id");
			// stop in the middle of a rung-1 trial: rung 0 closed and pruned, one survivor training, the worker
			// standing still from here until the stop
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			gate.stepUntil(() -> jdbc.queryForObject("SELECT COUNT(*) FROM studies s JOIN jobs j ON j.study_id = s.id "
					+ "WHERE s.id = ? AND s.rung = 1 AND j.status = 'running' AND j.iteration > 0", Integer.class, id),
					training -> training > 0);
		}
		try (Connection connection = DriverManager.getConnection(url(), "sa", "")) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			// stopped for real in the middle: the study at rung 1, not every rung-1 trial done
			assertThat(jdbc.queryForMap("SELECT status, rung FROM studies WHERE id = ?", id))
				.containsEntry("STATUS", "running").containsEntry("RUNG", 1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jobs j JOIN study_runs r ON r.job_id = j.id "
					+ "WHERE r.rung = 1 AND j.status <> 'succeeded'", Integer.class)).isPositive();
		}

		try (ConfigurableApplicationContext app = start(context -> {
		}, "50ms")) {
			RestClient http = http(app);
			Map<String, Object> resumed = finished(http, id);
			Map<String, Object> uninterrupted = finished(http, submit(http).get("id"));
			assertThat(resumed.get("status")).isEqualTo("succeeded");
			assertThat(uninterrupted.get("status")).isEqualTo("succeeded");
			assertThat(standings(resumed)).isEqualTo(standings(uninterrupted));
			assertThat(maps(resumed.get("trials"))).extracting(t -> t.get("rung")).containsExactly(2, 1, 0, 0);
			Map<?, ?> best = (Map<?, ?>) resumed.get("best");
			Map<?, ?> reference = (Map<?, ?>) uninterrupted.get("best");
			assertThat(best.get("schedule")).isEqualTo(reference.get("schedule"));
			assertThat(best.get("validationLoss")).isEqualTo(reference.get("validationLoss"));
			// one job per candidate and rung, none lost or doubled by the restart
			assertThat(http.get().uri("/jobs?studyId={id}", id).retrieve().body(JSON).get("totalItems")).isEqualTo(7);
		}
	}

	/** Each trial's place, rung, status and validation loss, best first. */
	private static List<List<Object>> standings(Map<String, Object> study) {
		return maps(study.get("trials")).stream()
			.map(t -> List.of(t.get("candidate"), t.get("rank"), t.get("rung"), t.get("status"), t.get("pruned"),
					String.valueOf(t.get("validationLoss"))))
			.toList();
	}

	private static Map<String, Object> submit(RestClient http) {
		return http.post().uri("/studies").contentType(MediaType.APPLICATION_JSON).body(STUDY)
			.retrieve().body(JSON);
	}

	private static Map<String, Object> study(RestClient http, Object id) {
		return http.get().uri("/studies/{id}", id).retrieve().body(JSON);
	}

	private static Map<String, Object> finished(RestClient http, Object id) {
		return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
			.until(() -> study(http, id), study -> !"running".equals(study.get("status")));
	}

	private String url() {
		return "jdbc:h2:file:" + directory.resolve("lrtune") + ";DB_CLOSE_ON_EXIT=FALSE";
	}

	/** @param flushInterval 0 ms to store progress every 64 iterations, at the {@link WorkerGate}'s steps */
	private ConfigurableApplicationContext start(ApplicationContextInitializer<ConfigurableApplicationContext> initializer,
			String flushInterval) {
		return new SpringApplicationBuilder(LrtuneApplication.class).initializers(initializer)
			.run("--spring.datasource.url=" + url(), "--server.port=0", "--lrtune.workers.threads=1",
					"--lrtune.curves.flush-interval=" + flushInterval, "--lrtune.studies.poll-interval=50ms",
					"--spring.main.banner-mode=off");
	}

	private static RestClient http(ConfigurableApplicationContext app) {
		String port = app.getEnvironment().getProperty("local.server.port");
		return RestClient.create("http://localhost:" + port + "/api/v1");
	}

}
