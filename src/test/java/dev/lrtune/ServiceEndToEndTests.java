package dev.lrtune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The product's whole path over real HTTP, as a notebook would walk it: upload a CSV with a string column, run a
 * range test on it, read the recommendation, train with a {@code cyclic} schedule built from its
 * {@code cyclicBounds} and with {@code plateau}, and check that every iteration of both curves ran at the rate
 * {@code POST /schedules/preview} gives for the same schedule (for {@code plateau}, fed the validation losses the
 * job measured).
 */
@ServiceOverHttp
class ServiceEndToEndTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final int ROWS = 400;

	private static final int BATCH_SIZE = 32;

	private static final double VALIDATION_FRACTION = 0.2;

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void connect() {
		http = DocumentedResponses.client(port, "/api/v1")
			.build();
	}

	@Test
	void aRangeTestOnAnUploadedCsvGivesBoundsForACyclicRunWhoseEveryIterationUsesThePreviewedRateAndMomentum() {
		Map<String, Object> dataset = upload();
		Map<String, Object> recommendation = rangeTest(dataset.get("id"));
		Map<String, Object> bounds = map(recommendation.get("cyclicBounds"));
		double baseLr = ((Number) bounds.get("baseLr")).doubleValue();
		double maxLr = ((Number) bounds.get("maxLr")).doubleValue();
		assertThat(baseLr).isPositive().isLessThan(maxLr);

		// Smith 2015: a half cycle of 2–10 epochs; here 2, so 8 epochs are two full cycles
		int iterationsPerEpoch = iterationsPerEpoch(((Number) dataset.get("rows")).intValue());
		Map<String, Object> cyclic = object("type", "cyclic", "baseLr", baseLr, "maxLr", maxLr, "stepSizeUp",
				2 * iterationsPerEpoch, "cycleMomentum", true);
		Map<String, Object> job = train(dataset.get("id"), object("epochs", 8, "evaluateEvery", iterationsPerEpoch,
				"schedule", cyclic));
		assertThat(job.get("status")).isEqualTo("succeeded");
		int steps = 8 * iterationsPerEpoch;
		assertThat(map(job.get("progress"))).containsEntry("totalIterations", steps);
		assertThat(((Number) map(job.get("result")).get("validationAccuracy")).doubleValue()).isGreaterThan(0.9);

		Map<String, Object> curve = curve(job.get("id"), steps);
		Map<String, Object> preview = preview(object("schedule", cyclic, "steps", steps));
		assertThat(curve.get("lr")).isEqualTo(preview.get("lr"));
		assertThat(curve.get("momentum")).isEqualTo(preview.get("momentum"));
		// the rate went from the bounds' base to their top and the momentum the other way, from 0.9 to 0.8
		assertThat(doubles(curve.get("lr")).get(0)).isEqualTo(baseLr);
		assertThat(Collections.max(doubles(curve.get("lr")))).isCloseTo(maxLr, within(1e-12 * maxLr));
		assertThat(doubles(curve.get("momentum")).get(0)).isEqualTo(0.9);
		assertThat(Collections.min(doubles(curve.get("momentum")))).isCloseTo(0.8, within(1e-12));
	}

	@Test
	void aPlateauRunOnAnUploadedCsvUsesAtEveryIterationTheRateThePreviewGivesWhenFedTheJobsValidationLosses() {
		Map<String, Object> dataset = upload();
		double lr = ((Number) rangeTest(dataset.get("id")).get("recommendedLr")).doubleValue();
		int steps = 400;
		Map<String, Object> plateau = object("type", "plateau", "lr", lr, "factor", 0.5, "patience", 2);
		Map<String, Object> job = train(dataset.get("id"), object("iterations", steps, "evaluateEvery", 5,
				"schedule", plateau));
		assertThat(job.get("status")).isEqualTo("succeeded");

		Map<String, Object> curve = curve(job.get("id"), steps);
		Map<String, Object> validation = map(curve.get("validation"));
		List<Object> evaluated = list(validation.get("iteration"));
		assertThat(evaluated).hasSize(steps / 5).startsWith(4, 9, 14).endsWith(steps - 1);
		List<Double> metrics = new ArrayList<>(Collections.nCopies(steps, (Double) null));
		for (int i = 0; i < evaluated.size(); i++) {
			metrics.set(((Number) evaluated.get(i)).intValue(), doubles(validation.get("loss")).get(i));
		}
		Map<String, Object> preview = preview(object("schedule", plateau, "steps", steps, "metrics", metrics));
		assertThat(curve.get("lr")).isEqualTo(preview.get("lr"));
		assertThat(curve).doesNotContainKey("momentum");
		// the plateau did reduce the rate, so the comparison covers the validation losses, not a constant
		assertThat(doubles(curve.get("lr")).stream().distinct().count()).isGreaterThan(1);
		assertThat(doubles(curve.get("lr")).get(0)).isEqualTo(lr);
	}

	@Test
	void aLargeCsvUploadReportsTheRowsItParsedAndTheRowsItDropped() {
		int rows = 100_000;
		StringBuilder csv = new StringBuilder("x1,x2,label\n");
		SplittableRandom random = new SplittableRandom(5);
		for (int i = 0; i < rows; i++) {
			double x1 = random.nextDouble(-1, 1);
			// every 40th row lacks x2: missing=drop leaves those out
			csv.append(x1).append(',').append(i % 40 == 39 ? "" : String.valueOf(random.nextDouble(-1, 1))).append(',')
				.append(x1 > 0 ? "yes" : "no").append('\n');
		}
		Map<String, Object> dataset = http.post().uri("/datasets?name=large&missing=drop")
			.contentType(MediaType.parseMediaType("text/csv"))
			.body(csv.toString())
			.retrieve()
			.body(JSON);
		assertThat(dataset).containsEntry("rowsParsed", rows)
			.containsEntry("rowsDropped", rows / 40)
			.containsEntry("rows", rows - rows / 40);
	}

	/**
	 * Two numeric features and a colour (a string column, one-hot encoded); the label is 1 when
	 * x1 − x2 plus the colour's shift is positive, so a logistic model can learn it.
	 */
	private Map<String, Object> upload() {
		SplittableRandom random = new SplittableRandom(2024);
		String[] colours = { "red", "green", "blue" };
		double[] shift = { 1.5, 0, -1.5 };
		StringBuilder csv = new StringBuilder("x1,x2,colour,label\n");
		for (int i = 0; i < ROWS; i++) {
			double x1 = random.nextDouble(-2, 2);
			double x2 = random.nextDouble(-2, 2);
			int colour = random.nextInt(3);
			csv.append(x1).append(',').append(x2).append(',').append(colours[colour]).append(',')
				.append(x1 - x2 + shift[colour] > 0 ? 1 : 0).append('\n');
		}
		ResponseEntity<Map<String, Object>> created = http.post().uri("/datasets?name=colours&target=label")
			.contentType(MediaType.parseMediaType("text/csv"))
			.body(csv.toString())
			.retrieve()
			.toEntity(JSON);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Map<String, Object> dataset = created.getBody();
		assertThat(dataset).containsEntry("rows", ROWS).containsEntry("task", "classification").containsEntry("features", 5);
		assertThat(list(dataset.get("featureNames"))).contains("x1", "x2", "colour=red", "colour=green", "colour=blue");
		return dataset;
	}

	private Map<String, Object> rangeTest(Object dataset) {
		Map<String, Object> job = finished(submit(object("type", "range_test", "dataset", String.valueOf(dataset),
				"model", object("type", "logistic"), "seed", 3, "rangeTest",
				object("startLr", 1e-4, "endLr", 100, "iterations", 200))));
		assertThat(job.get("status")).isEqualTo("succeeded");
		assertThat(map(job.get("progress"))).containsEntry("totalIterations", 200).containsEntry("fraction", 1.0)
			.containsKey("etaSeconds");
		Map<String, Object> recommendation = http.get().uri("/jobs/{id}/recommendation", job.get("id")).retrieve().body(JSON);
		assertThat(recommendation).containsKeys("recommendedLr", "method", "suggestions", "cyclicBounds")
			.isEqualTo(map(job.get("result")).get("recommendation"));
		return recommendation;
	}

	private Map<String, Object> train(Object dataset, Map<String, Object> training) {
		return finished(submit(object("type", "training", "dataset", String.valueOf(dataset), "model",
				object("type", "logistic"), "optimizer", object("type", "sgd", "momentum", 0.9), "batchSize", BATCH_SIZE,
				"validationFraction", VALIDATION_FRACTION, "seed", 7, "training", training)));
	}

	private URI submit(Map<String, Object> request) {
		ResponseEntity<Map<String, Object>> submitted = http.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
			.body(request)
			.retrieve()
			.toEntity(JSON);
		assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		return URI.create("http://localhost:" + port + submitted.getHeaders().getLocation());
	}

	private Map<String, Object> finished(URI job) {
		return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(
				() -> http.get().uri(job).retrieve().body(JSON),
				body -> !List.of("queued", "running").contains(body.get("status")));
	}

	/** The raw curve: every point, not downsampled. */
	private Map<String, Object> curve(Object job, int steps) {
		Map<String, Object> curve = http.get().uri("/jobs/{id}/curve", job).retrieve().body(JSON);
		assertThat(curve).containsEntry("totalPoints", steps).containsEntry("downsampled", false);
		assertThat(list(curve.get("iteration"))).hasSize(steps).startsWith(0, 1).endsWith(steps - 1);
		assertThat(list(curve.get("loss"))).hasSize(steps).doesNotContainNull();
		return curve;
	}

	private Map<String, Object> preview(Map<String, Object> request) {
		return http.post().uri("/schedules/preview").contentType(MediaType.APPLICATION_JSON).body(request).retrieve().body(JSON);
	}

	/** How many minibatches make an epoch: the training split (what the validation split leaves) by the batch. */
	private static int iterationsPerEpoch(int rows) {
		long trainRows = rows - Math.round(rows * VALIDATION_FRACTION);
		return (int) ((trainRows + BATCH_SIZE - 1) / BATCH_SIZE);
	}

	private static Map<String, Object> object(Object... keysAndValues) {
		Map<String, Object> object = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			object.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return object;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	private static List<Double> doubles(Object value) {
		return list(value).stream().map(number -> ((Number) number).doubleValue()).toList();
	}

}
