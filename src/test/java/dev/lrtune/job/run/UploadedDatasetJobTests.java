package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.lrtune.dataset.DatasetCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Jobs on an uploaded dataset, over real HTTP with the worker pool off (so a job stays queued until the test
 * runs it): the dataset cannot be deleted while a queued or running job needs it; its rows are in memory for its
 * first job as soon as it is uploaded, and gone from memory with its splits once it is deleted.
 */
class UploadedDatasetJobTests extends QueuedJobHttpTests {

	@Autowired
	DatasetSplits splits;

	@Autowired
	DatasetCatalog catalog;

	@Autowired
	MeterRegistry registry;

	@Test
	void aJobTrainsOnAnUploadedDatasetWhichCannotBeDeletedUntilTheJobHasFinished() throws Exception {
		long dataset = upload();
		HttpResponse<String> submitted = submit("\"" + dataset + "\"");
		assertThat(submitted.statusCode()).isEqualTo(202);
		String job = submitted.headers().firstValue("Location").orElseThrow();

		HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/datasets/" + dataset)).DELETE());
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(json.readTree(refused.body()).get("detail").asString())
			.contains("job " + job.substring(job.lastIndexOf('/') + 1) + " is queued");

		runner.run(queue.claim("worker-a").orElseThrow(), run -> {
		});
		JsonNode finished = json.readTree(send(HttpRequest.newBuilder(uri(job)).GET()).body());
		assertThat(finished.get("status").asString()).isEqualTo("succeeded");
		assertThat(finished.get("result").get("validationAccuracy").asDouble()).isGreaterThan(0.9);
		assertThat(send(HttpRequest.newBuilder(uri("/api/v1/datasets/" + dataset)).DELETE()).statusCode()).isEqualTo(204);
	}

	@Test
	void anUploadHandsItsRowsToItsFirstJobAndADeletionDropsItsRowsAndSplits() throws Exception {
		long dataset = upload();
		String version = UploadedJobDatasets.version(dataset, catalog.uploadedAt(dataset).orElseThrow());
		assertThat(splits.holdsRows(version)).isTrue();
		assertThat(splits.holdsSplitOf(version)).isFalse();
		double rowMisses = rowMisses();

		assertThat(submit("\"" + dataset + "\"").statusCode()).isEqualTo(202);
		runner.run(queue.claim("worker-a").orElseThrow(), run -> {
		});

		assertThat(rowMisses()).isEqualTo(rowMisses); // the rows came from the upload, not from the database
		assertThat(splits.holdsSplitOf(version)).isTrue();
		assertThat(send(HttpRequest.newBuilder(uri("/api/v1/datasets/" + dataset)).DELETE()).statusCode()).isEqualTo(204);
		assertThat(splits.holdsRows(version)).isFalse();
		assertThat(splits.holdsSplitOf(version)).isFalse();
	}

	@Test
	void aJobOnAnUnknownDatasetIdIsA400NamingDataset() throws Exception {
		HttpResponse<String> refused = submit("\"987654\"");
		assertThat(refused.statusCode()).isEqualTo(400);
		JsonNode error = json.readTree(refused.body()).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("dataset");
		assertThat(error.get("message").asString()).contains("987654");
	}

	private double rowMisses() {
		return registry.get("cache.gets").tag("cache", "dataset-rows").tag("result", "miss").functionCounter().count();
	}

	/** Two classes split by the sign of x + y. */
	private long upload() throws Exception {
		StringBuilder csv = new StringBuilder("x,y,label\n");
		for (int i = 0; i < 200; i++) {
			double x = Math.sin(i * 1.3) * 3;
			double y = Math.cos(i * 0.7) * 3;
			csv.append(x).append(',').append(y).append(',').append(x + y > 0 ? "yes" : "no").append('\n');
		}
		HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/datasets?name=signs&target=label"))
			.header("Content-Type", "text/csv")
			.POST(BodyPublishers.ofString(csv.toString())));
		assertThat(created.statusCode()).isEqualTo(201);
		return json.readTree(created.body()).get("id").asLong();
	}

	private HttpResponse<String> submit(String dataset) throws Exception {
		return send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("""
					{"type": "training", "dataset": %s, "model": {"type": "logistic"}, "seed": 1,
					 "training": {"epochs": 20, "schedule": {"type": "constant", "lr": 0.5}}}""".formatted(dataset))));
	}

}
