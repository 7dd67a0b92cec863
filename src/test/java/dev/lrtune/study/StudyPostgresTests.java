package dev.lrtune.study;

import static dev.lrtune.study.StudyEndToEndTests.JSON;
import static dev.lrtune.study.StudyEndToEndTests.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import dev.lrtune.PostgresInstances;
import dev.lrtune.PostgresTestDatabase;

/**
 * Studies on real PostgreSQL with two instances, each with its own worker pool and study coordinator polling the
 * same rows: the rung steps are taken once (the study row's lock), trials run on both instances, and the study
 * ends as on one instance.
 */
@ExtendWith(PostgresTestDatabase.class)
class StudyPostgresTests {

	private static PostgresInstances instances;

	private static RestClient a;

	private static RestClient b;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void startTwoInstances() {
		instances = new PostgresInstances("studies");
		a = http(start("study-a"));
		ConfigurableApplicationContext second = start("study-b");
		b = http(second);
		jdbc = second.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() throws SQLException {
		if (instances != null) {
			instances.close();
		}
	}

	@Test
	void twoInstancesAdvanceEachStudyOnceAndEndWithTheKnownRanking() {
		List<Object> ids = List.of(submit(a), submit(b), submit(a));
		for (Object id : ids) {
			Map<String, Object> study = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
				.until(() -> b.get().uri("/studies/{id}", id).retrieve().body(JSON), s -> !"running".equals(s.get("status")));
			assertThat(study.get("status")).isEqualTo("succeeded");
			assertThat(maps(study.get("trials"))).extracting(t -> t.get("candidate")).containsExactly(2, 1, 3, 0);
			assertThat(a.get().uri("/studies/{id}", id).retrieve().body(JSON)).isEqualTo(study);
		}
		// one job per candidate and rung (4 + 2 + 1 per study), each run once
		List<Map<String, Object>> counts = jdbc.queryForList("SELECT study_id, COUNT(*) AS jobs, MAX(attempt) AS attempts "
				+ "FROM jobs WHERE study_id IS NOT NULL GROUP BY study_id ORDER BY study_id");
		assertThat(counts).hasSize(3).allSatisfy(row -> {
			assertThat(((Number) row.get("jobs")).intValue()).isEqualTo(7);
			assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
		});
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM study_runs", Integer.class)).isEqualTo(21);
		assertThat(jdbc.queryForList("SELECT DISTINCT worker FROM jobs WHERE study_id IS NOT NULL", String.class))
			.anyMatch(worker -> worker.startsWith("study-a/"))
			.anyMatch(worker -> worker.startsWith("study-b/"));
	}

	private static Object submit(RestClient http) {
		return http.post().uri("/studies").contentType(MediaType.APPLICATION_JSON).body(StudyEndToEndTests.KNOWN_ANSWER)
			.retrieve().body(JSON).get("id");
	}

	private static ConfigurableApplicationContext start(String instanceId) {
		return instances.start(instanceId, "--lrtune.workers.threads=1", "--lrtune.workers.poll-interval=50ms",
				"--lrtune.curves.flush-interval=50ms", "--lrtune.studies.poll-interval=20ms");
	}

	private static RestClient http(ConfigurableApplicationContext app) {
		return RestClient.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1");
	}

}
