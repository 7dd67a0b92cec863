package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * {@code standardizeTarget} over real HTTP: a regression job trains on the z-scored target by default, so the same
 * data with its target in other units (here ×1000) trains the same way and reports the loss in those units (×10⁶);
 * with {@code standardizeTarget: false} it trains on the raw target and the runs differ.
 */
class TargetScalingJobTests extends QueuedJobHttpTests {

	@Test
	void aTargetInOtherUnitsTrainsTheSameByDefaultAndItsLossIsReportedInThoseUnits() throws Exception {
		long metres = upload(1);
		long millimetres = upload(1000);

		JsonNode small = run(metres, null);
		JsonNode large = run(millimetres, null);
		assertThat(small.get("request").get("standardizeTarget").asBoolean()).isTrue();
		assertThat(large.get("request").get("standardizeTarget").asBoolean()).isTrue();
		double ratio = large.get("result").get("validationLoss").asDouble() / small.get("result").get("validationLoss").asDouble();
		assertThat(ratio).isCloseTo(1e6, within(1e-3));
		assertThat(large.get("result").get("finalLoss").asDouble() / small.get("result").get("finalLoss").asDouble())
			.isCloseTo(1e6, within(1e-3));

		JsonNode rawSmall = run(metres, false);
		JsonNode rawLarge = run(millimetres, false);
		assertThat(rawLarge.get("request").get("standardizeTarget").asBoolean()).isFalse();
		// on the raw target the same rate is 1000× too large for the larger units: it diverges
		assertThat(rawSmall.get("status").asString()).isEqualTo("succeeded");
		assertThat(rawLarge.get("status").asString()).isEqualTo("diverged");
	}

	/** Claims the job just queued and runs it here (the worker pool is off). */
	private JsonNode run(long dataset, Boolean standardizeTarget) throws Exception {
		HttpResponse<String> submitted = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("""
					{"type": "training", "dataset": "%d", "model": {"type": "mlp", "hidden": [8]}, "seed": 3,
					 %s "training": {"iterations": 150, "schedule": {"type": "constant", "lr": 0.01}}}"""
				.formatted(dataset, standardizeTarget == null ? "" : "\"standardizeTarget\": " + standardizeTarget + ","))));
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		runner.run(queue.claim("worker-a").orElseThrow(), run -> {
		});
		String location = submitted.headers().firstValue("Location").orElseThrow();
		return json.readTree(send(HttpRequest.newBuilder(uri(location)).GET()).body());
	}

	/** A smooth function of two features, its target times {@code unit}. */
	private long upload(double unit) throws Exception {
		StringBuilder csv = new StringBuilder("a,b,y\n");
		for (int i = 0; i < 300; i++) {
			double a = Math.sin(i * 1.3) * 3;
			double b = Math.cos(i * 0.7) * 2;
			double y = 5 + 2 * a - b + 0.5 * a * b;
			csv.append(a).append(',').append(b).append(',').append(y * unit).append('\n');
		}
		HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/datasets?name=units&target=y&task=regression"))
			.header("Content-Type", "text/csv")
			.POST(BodyPublishers.ofString(csv.toString())));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).get("id").asLong();
	}

}
