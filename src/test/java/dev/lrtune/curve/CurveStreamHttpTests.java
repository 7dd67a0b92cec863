package dev.lrtune.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.lrtune.ServerSentEvents;
import dev.lrtune.ServerSentEvents.Event;
import dev.lrtune.ServiceOverHttp;

/** {@code GET /jobs/{id}/curve/stream} over real HTTP against an in-memory H2 database. */
@ServiceOverHttp
class CurveStreamHttpTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	private RestClient http;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeEach
	void connect() {
		http = RestClient.create("http://localhost:" + port);
	}

	@Test
	void theStreamOfARunningJobCarriesEveryPointOfItsCurveThenItsFinalStatus() throws Exception {
		long id = submit("""
				{"type": "training", "dataset": "synthetic:moons?samples=2000&noise=0.2&seed=7",
				 "model": {"type": "mlp", "hidden": [32, 32]}, "optimizer": {"type": "sgd", "momentum": 0.9}, "seed": 5,
				 "training": {"iterations": 3000, "evaluateEvery": 100, "schedule": {"type": "cyclic", "baseLr": 0.01,
				 "maxLr": 0.1, "stepSizeUp": 100, "cycleMomentum": true}}}""");

		List<Event> events = stream(id);

		List<Event> points = events.stream().filter(e -> e.name().equals("points")).toList();
		assertThat(points).isNotEmpty();
		assertThat(events.get(events.size() - 1)).isEqualTo(new Event("status", Map.of("id", (int) id, "status", "succeeded")));
		assertThat(events).filteredOn(e -> e.name().equals("status")).hasSize(1);
		Map<String, Object> curve = http.get().uri("/api/v1/jobs/{id}/curve", id).retrieve().body(JSON);
		assertThat(concatenate(points, "iteration")).hasSize(3000).isEqualTo(curve.get("iteration"));
		assertThat(concatenate(points, "lr")).isEqualTo(curve.get("lr"));
		assertThat(concatenate(points, "loss")).isEqualTo(curve.get("loss"));
		assertThat(concatenate(points, "momentum")).isEqualTo(curve.get("momentum"));
		Map<String, Object> validation = (Map<String, Object>) curve.get("validation");
		for (String column : List.of("iteration", "loss", "accuracy")) {
			assertThat(concatenateValidation(points, column)).isEqualTo(validation.get(column));
		}
	}

	@Test
	void theStreamOfAFinishedJobSendsAllItsPointsThenItsStatusAndCompletes() throws Exception {
		long id = submit("""
				{"type": "training", "dataset": "synthetic:linear?samples=200&seed=1", "model": {"type": "linear"},
				 "seed": 1, "training": {"iterations": 120, "evaluateEvery": 40,
				 "schedule": {"type": "constant", "lr": 0.05}}}""");
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!"succeeded".equals(http.get().uri("/api/v1/jobs/{id}", id).retrieve().body(JSON).get("status"))) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(50);
		}

		List<Event> events = stream(id);

		assertThat(events).extracting(Event::name).containsExactly("points", "status");
		assertThat((List<Object>) events.get(0).data().get("iteration")).hasSize(120).startsWith(0).endsWith(119);
		assertThat(events.get(0).data()).doesNotContainKey("momentum");
		assertThat((Map<String, Object>) events.get(0).data().get("validation")).containsEntry("iteration",
				List.of(39, 79, 119));
		assertThat(events.get(1).data()).containsEntry("status", "succeeded");
	}

	@Test
	void theStreamOfAnUnknownJobIsA404Problem() throws Exception {
		HttpResponse<String> response = client.send(request(987654), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("There is no job 987654.");
	}

	private long submit(String body) {
		Map<String, Object> job = http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).body(body)
			.retrieve()
			.body(JSON);
		return ((Number) job.get("id")).longValue();
	}

	private HttpRequest request(long id) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + id + "/curve/stream"))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(60))
			.build();
	}

	/** Reads the stream to its end (the server completes it), event by event. */
	private List<Event> stream(long id) throws IOException, InterruptedException {
		HttpResponse<Stream<String>> response = client.send(request(id), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/event-stream"));
		return ServerSentEvents.read(response.body());
	}

	private static List<Object> concatenate(List<Event> points, String column) {
		List<Object> values = new ArrayList<>();
		points.forEach(event -> values.addAll((List<Object>) event.data().get(column)));
		return values;
	}

	private static List<Object> concatenateValidation(List<Event> points, String column) {
		List<Object> values = new ArrayList<>();
		points.forEach(event -> values.addAll((List<Object>) ((Map<String, Object>) event.data().get("validation")).get(column)));
		return values;
	}

}
