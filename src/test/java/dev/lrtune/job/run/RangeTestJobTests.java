package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.lrtune.ServiceBeansOnH2;
import dev.lrtune.core.rangetest.AnalysisSettings;
import dev.lrtune.core.rangetest.RangeTestAnalysis;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.curve.CurveQuery;
import dev.lrtune.curve.CurveView;
import dev.lrtune.job.Job;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.RangeTestRun;
import dev.lrtune.job.queue.JobQueue;
import tools.jackson.databind.json.JsonMapper;

/** Range-test jobs run step by step (the worker pool is off) on an in-memory H2 database. */
@ServiceBeansOnH2
class RangeTestJobTests {

	@Autowired
	JobManagement management;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRunner runner;

	@Autowired
	CurveQuery curveQuery;

	@Autowired
	JsonMapper mapper;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void emptyQueue() {
		jdbc.update("DELETE FROM jobs");
	}

	private Job submitAndRun(String rangeTest) {
		long id = management.submit(mapper.readValue("""
				{"type": "range_test", "dataset": "synthetic:moons?samples=400&noise=0.2&seed=3", "seed": 5,
				 "model": {"type": "logistic"}, "rangeTest": %s}""".formatted(rangeTest), JobRequest.class)).id();
		runner.run(queue.claim("worker-a").orElseThrow(), run -> {
		});
		return management.get(id);
	}

	private CurveView curve(long id, long from, long to) {
		return curveQuery.curve(id, from, to, null, null);
	}

	private static Recommendation analyze(CurveView curve) {
		double[] lr = curve.lr().stream().mapToDouble(Double::doubleValue).toArray();
		double[] loss = curve.loss().stream().mapToDouble(value -> value == null ? Double.NaN : value).toArray();
		return RangeTestAnalysis.analyze(lr, loss, AnalysisSettings.defaults());
	}

	@Test
	void aRangeTestThatStopsAtDivergenceSucceedsWithTheRecommendationOfItsStoredCurve() {
		Job job = submitAndRun("{\"endLr\": 1e4, \"iterations\": 200}");
		assertThat(job.status()).isEqualTo("succeeded");
		RangeTestRun repeat = job.result().repeats().get(0);
		assertThat(repeat.stopReason()).isEqualTo("diverged");
		assertThat(repeat.firstIteration()).isZero();
		assertThat(repeat.iterations()).isLessThan(200);
		assertThat(job.progress().iteration()).isEqualTo(200);
		assertThat(job.progress().fraction()).isEqualTo(1.0);
		CurveView curve = curve(job.id(), 0, repeat.iterations() - 1);
		assertThat(curve.totalPoints()).isEqualTo(repeat.iterations());
		assertThat(job.result().recommendation()).isEqualTo(analyze(curve)).isEqualTo(repeat.recommendation());
		assertThat(management.recommendation(job.id())).isEqualTo(job.result().recommendation());
	}

	@Test
	void repeatsAreStoredOneAfterAnotherAndEachSliceGivesThatRepeatsRecommendation() {
		Job job = submitAndRun("{\"iterations\": 80, \"repeats\": 3}");
		assertThat(job.status()).isEqualTo("succeeded");
		List<RangeTestRun> repeats = job.result().repeats();
		assertThat(repeats).extracting(RangeTestRun::repeat).containsExactly(0, 1, 2);
		assertThat(repeats.get(0).seed()).isEqualTo(5);
		long next = 0;
		for (RangeTestRun repeat : repeats) {
			assertThat(repeat.firstIteration()).isEqualTo(next);
			next += repeat.iterations();
			CurveView slice = curve(job.id(), repeat.firstIteration(), next - 1);
			assertThat(slice.iteration()).hasSize(repeat.iterations());
			assertThat(analyze(slice)).isEqualTo(repeat.recommendation());
		}
		assertThat(curve(job.id(), 0, next - 1).totalPoints()).isEqualTo(next);
		assertThat(job.result().iterations()).isEqualTo(next);
		assertThat(job.progress().iteration()).isEqualTo(240);
		Recommendation aggregate = job.result().recommendation();
		assertThat(aggregate.spread().minimum().values()).hasSize(3);
		assertThat(aggregate).isEqualTo(Recommendation.aggregate(repeats.stream().map(RangeTestRun::recommendation).toList()));
	}

	@Test
	void aRangeTestThatDivergesBeforeItCanBeAnalysedFailsNamingStartLr() {
		Job job = submitAndRun("{\"startLr\": 1e6, \"endLr\": 1e8}");
		assertThat(job.status()).isEqualTo("failed");
		assertThat(job.error()).startsWith("rangeTest.startLr: repeat 0 diverged after").contains("lower startLr");
		assertThat(job.result()).isNull();
	}

}
