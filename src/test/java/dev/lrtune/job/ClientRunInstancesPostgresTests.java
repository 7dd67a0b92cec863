package dev.lrtune.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lrtune.PostgresTestDatabase;
import dev.lrtune.TwoInstances;
import dev.lrtune.job.ClientRunScenarios.Response;
import tools.jackson.databind.JsonNode;

/**
 * Client-run jobs on two whole applications sharing one PostgreSQL schema ({@link TwoInstances}): a client may post to
 * either instance, posts to one job from both apply one after the other, and a lease that passes is noticed by
 * whichever instance looks. Both instances read time from one {@link MovableClock} the test moves.
 */
@ExtendWith({ PostgresTestDatabase.class, TwoInstances.class })
class ClientRunInstancesPostgresTests {

	private static MovableClock clock;

	private static int a;

	private static int b;

	private final Client client = new Client();

	@BeforeAll
	static void twoInstances(TwoInstances.Pair instances) {
		a = port(instances.a());
		b = port(instances.b());
		clock = instances.clock();
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@Test
	void batchesPostedToEitherInstanceMakeOneCurveThatBothServe() throws Exception {
		long id = client.create(a, ClientRunScenarios.training("{\"type\": \"constant\", \"lr\": 0.1}", 1000));
		double[] losses = IntStream.range(0, 1000).mapToDouble(i -> 5.0 / (i + 1)).toArray();
		for (int batch = 0; batch < 10; batch++) {
			Response answer = client.post(batch % 2 == 0 ? a : b, id, batch * 100, 100, losses);
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body().get("iteration").asLong()).isEqualTo(batch * 100 + 99);
		}
		for (int port : new int[] { a, b }) {
			JsonNode curve = client.send(port, "GET", "/api/v1/jobs/" + id + "/curve", null).body();
			assertThat(ClientRunScenarios.doubles(curve.get("loss")))
				.isEqualTo(IntStream.range(0, 1000).mapToObj(i -> losses[i]).toList());
		}
		JsonNode finished = client.send(b, "POST", "/api/v1/jobs/" + id + "/finish", null).body();
		assertThat(finished.get("status").asString()).isEqualTo("succeeded");
		await().atMost(Duration.ofSeconds(10)).until(
				() -> client.send(a, "GET", "/api/v1/jobs/" + id, null).body().get("status").asString(), "succeeded"::equals);
	}

	/** Eight retries of one batch, at once, to both instances: each one replaces the same points. */
	@Test
	void theSameBatchPostedAtOnceToBothInstancesIsStoredOnce() throws Exception {
		long id = client.create(b, ClientRunScenarios.training("{\"type\": \"constant\", \"lr\": 0.1}", 5000));
		double[] losses = IntStream.range(0, 5000).mapToDouble(i -> 1.0 + i).toArray();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<Response>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				int port = i % 2 == 0 ? a : b;
				answers.add(clients.submit((Callable<Response>) () -> client.post(port, id, 0, 4500, losses)));
			}
			for (Future<Response> answer : answers) {
				assertThat(answer.get().status()).isEqualTo(200);
			}
		}
		finally {
			clients.shutdownNow();
		}
		JsonNode curve = client.send(a, "GET", "/api/v1/jobs/" + id + "/curve", null).body();
		assertThat(curve.get("totalPoints").asLong()).isEqualTo(4500);
		assertThat(ClientRunScenarios.longs(curve.get("iteration"))).isEqualTo(LongStream.range(0, 4500).boxed().toList());
	}

	@Test
	void aCancelOnOneInstanceStopsThePostsToTheOther() throws Exception {
		long id = client.create(a, ClientRunScenarios.training("{\"type\": \"constant\", \"lr\": 0.1}", 100));
		double[] losses = new double[100];
		client.post(a, id, 0, 10, losses);
		assertThat(client.send(b, "POST", "/api/v1/jobs/" + id + "/cancel", null).status()).isEqualTo(200);
		JsonNode answer = client.post(a, id, 10, 10, losses).body();
		assertThat(answer.get("stop").asBoolean()).isTrue();
		assertThat(answer.get("reason").asString()).isEqualTo("cancelled");
		assertThat(client.send(b, "GET", "/api/v1/jobs/" + id + "/curve", null).body().get("totalPoints").asLong())
			.isEqualTo(20);
	}

	@Test
	void aSilentClientsJobFailsOnceTheSharedClockPassesItsLease() throws Exception {
		long id = client.create(a, ClientRunScenarios.training("{\"type\": \"constant\", \"lr\": 0.1}", 100));
		client.post(b, id, 0, 5, new double[5]);
		clock.advance(Duration.ofMinutes(11));
		JsonNode job = await().atMost(Duration.ofSeconds(30)).until(
				() -> client.send(b, "GET", "/api/v1/jobs/" + id, null).body(),
				body -> !"running".equals(body.get("status").asString()));
		assertThat(job.get("status").asString()).isEqualTo("failed");
		assertThat(job.get("error").asString()).contains("client stopped reporting");
		assertThat(client.post(a, id, 5, 1, new double[6]).status()).isEqualTo(409);
		assertThat(client.send(a, "GET", "/api/v1/jobs/" + id + "/curve", null).body().get("totalPoints").asLong())
			.isEqualTo(5);
	}

	/** The HTTP helpers of {@link ClientRunScenarios}, against a given port. */
	private static final class Client extends ClientRunScenarios {

		long create(int port, String body) throws Exception {
			Response created = send(port, "POST", "/api/v1/jobs", body);
			assertThat(created.status()).isEqualTo(201);
			return created.body().get("id").asLong();
		}

		Response post(int port, long id, long first, int n, double[] losses) throws Exception {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("iteration", LongStream.range(first, first + n).boxed().toList());
			body.put("lr", ClientRunScenarios.constant(0.1, n));
			List<Double> loss = new ArrayList<>();
			for (long i = first; i < first + n; i++) {
				loss.add(losses[(int) i]);
			}
			body.put("loss", loss);
			return send(port, "POST", "/api/v1/jobs/" + id + "/points", JSON.writeValueAsString(body));
		}

	}

}
