package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.rangetest.RangeTest;
import dev.lrtune.core.rangetest.RangeTestListener;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.curve.Curves;
import dev.lrtune.curve.RawCurve;
import dev.lrtune.job.JobManagement;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.store.JobRow;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs on one dataset share its split ({@link DatasetSplits}): a job that finds it cached trains on the very same
 * bits, so its curve equals that of the job that computed it and that of the core run on a split made here; a job
 * whose dataset changed, or whose seed, validation fraction or target scaling differ, gets its own. The workers are
 * off and the test runs each job itself, so the cache's hits and misses move only with its own runs: it counts them
 * before and after, on datasets and splits no other class uses.
 */
class DatasetSplitsTests extends QueuedJobHttpTests {

	private static final String MOONS = "synthetic:moons?samples=600&noise=0.2&seed=3";

	@Autowired
	JobManagement management;

	@Autowired
	Curves curves;

	@Autowired
	JsonMapper mapper;

	@Autowired
	MeterRegistry registry;

	@Test
	void aJobThatFindsTheSplitCachedHasTheCurveOfOneThatComputedItAndOfTheCoreAlone() {
		String request = rangeTest(MOONS, "\"seed\": 7, \"validationFraction\": 0.25");
		double hits = hits();
		double misses = misses();

		RawCurve computed = curve(run(request));
		RawCurve cached = curve(run(request));

		assertThat(misses()).isEqualTo(misses + 1);
		assertThat(hits()).isEqualTo(hits + 1);
		assertThat(cached.lr()).isEqualTo(computed.lr());
		assertThat(cached.loss()).isEqualTo(computed.loss());
		SplitDataset split = SyntheticSpec.parse(MOONS).generate().split(0.25, 7, true, true);
		List<Double> coreLosses = new ArrayList<>();
		new RangeTest(ModelSpec.of("logistic"), OptimizerSpec.sgd(), 32,
				RangeTestOptions.of(null, null, 60, null, null, null, null, null, null, null))
			.run(split, 7, (RangeTestListener) (repeat, iteration, lr, loss, smoothed) -> coreLosses.add(loss), () -> false);
		assertThat(computed.loss()).containsExactly(coreLosses.stream().mapToDouble(Double::doubleValue).toArray());
	}

	@Test
	void aChangedSeedFractionOrTargetScalingIsNotServedAnotherJobsSplit() {
		run(rangeTest(MOONS, "\"seed\": 1"));
		double misses = misses();
		double hits = hits();

		run(rangeTest(MOONS, "\"seed\": 2"));
		run(rangeTest(MOONS, "\"seed\": 1, \"validationFraction\": 0.3"));
		run(rangeTest(MOONS, "\"seed\": 1, \"standardizeTarget\": false"));
		run(rangeTest(MOONS.replace("seed=3", "seed=4"), "\"seed\": 1"));

		assertThat(misses()).isEqualTo(misses + 4);
		assertThat(hits()).isEqualTo(hits);
	}

	@Test
	void aDatasetFileWrittenAgainIsReadAgain() throws IOException {
		Path file = Files.createDirectories(DATA_DIR.resolve("splits")).resolve("line.csv");
		Files.writeString(file, csv(2.0));
		String request = rangeTest("file:splits/line.csv", "\"seed\": 1, \"model\": {\"type\": \"linear\"}");
		RawCurve before = curve(run(request));
		double misses = misses();

		Files.writeString(file, csv(-5.0));
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
		RawCurve after = curve(run(request));

		assertThat(misses()).isEqualTo(misses + 1);
		assertThat(after.loss()).isNotEqualTo(before.loss());
	}

	/** 200 rows of y = slope·x + 1. */
	private static String csv(double slope) {
		StringBuilder text = new StringBuilder("x,y\n");
		for (int row = 0; row < 200; row++) {
			double x = row / 20.0;
			text.append(x).append(',').append(slope * x + 1).append('\n');
		}
		return text.toString();
	}

	private static String rangeTest(String dataset, String fields) {
		String model = fields.contains("\"model\"") ? "" : "\"model\": {\"type\": \"logistic\"}, ";
		return """
				{"type": "range_test", "dataset": "%s", %s"rangeTest": {"iterations": 60}, %s}"""
			.formatted(dataset, model, fields);
	}

	private long run(String request) {
		long id = management.submit(mapper.readValue(request, JobRequest.class)).id();
		JobRow claimed = queue.claim("worker-a").orElseThrow();
		assertThat(claimed.id()).isEqualTo(id);
		runner.run(claimed, run -> {
		});
		assertThat(management.get(id).status()).isEqualTo("succeeded");
		return id;
	}

	private RawCurve curve(long id) {
		return curves.read(id, 0, curves.pointCount(id) - 1);
	}

	private double hits() {
		return registry.get("cache.gets").tag("cache", "dataset-splits").tag("result", "hit").functionCounter().count();
	}

	private double misses() {
		return registry.get("cache.gets").tag("cache", "dataset-splits").tag("result", "miss").functionCounter().count();
	}

}
