package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Datasets over real HTTP on Tomcat, where Spring's multipart limits apply: the whole life of an
 * upload, and the 413s from both limits. H2 in memory, with small limits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:dataset-http;DB_CLOSE_DELAY=-1", "lrtune.datasets.max-bytes=8KB",
		"spring.servlet.multipart.max-file-size=8KB", "spring.servlet.multipart.max-request-size=9KB" })
class DatasetHttpTests {

	private static final String CSV = """
			id,species,"Bill Length (mm)",Body Mass (g),date,sex
			1,Adelie,39.1,3750,2007-11-11,male
			2,Adelie,39.5,3800,2007-11-12,female
			3,Gentoo,NA,,2008-11-13,female
			4,Chinstrap,46.5,3500,2009-11-14,female
			5,Gentoo,50.0,5700,2009-11-15,male
			""";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	DatasetCatalog catalog;

	@Test
	void anUploadedDatasetCanBeListedShownLoadedAndDeleted() throws Exception {
		HttpResponse<String> created = send(multipart("penguins.csv", CSV.getBytes(StandardCharsets.UTF_8),
				"?exclude=id,date&missing=mean"));
		assertThat(created.statusCode()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		JsonNode dataset = json.readTree(created.body());
		long id = dataset.get("id").asLong();
		assertThat(location).isEqualTo("/api/v1/datasets/" + id);
		assertThat(dataset.get("name").asString()).isEqualTo("penguins");
		assertThat(dataset.get("rows").asInt()).isEqualTo(5);

		assertThat(json.readTree(send(get(location)).body()).get("featureNames")).hasSize(5);
		assertThat(send(get("/api/v1/datasets")).body()).contains("\"id\":" + id);
		TrainingData data = catalog.load(id);
		assertThat(data.rows()).isEqualTo(5);
		assertThat(data.targets()).containsExactly(1, 0, 0, 0, 1);

		assertThat(send(HttpRequest.newBuilder(uri(location)).DELETE().build()).statusCode()).isEqualTo(204);
		assertThat(send(get(location)).statusCode()).isEqualTo(404);
	}

	@Test
	void aMultipartFileOverSpringsLimitIsA413Problem() throws Exception {
		HttpResponse<String> response = send(multipart("big.csv", big(10_000), ""));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Upload too large");
		assertThat(problem.get("fix").asString()).contains("max-bytes");
	}

	@Test
	void aCsvBodyOverTheLimitIsA413Problem() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/datasets"))
			.header("Content-Type", "text/csv")
			.POST(BodyPublishers.ofByteArray(big(10_000)))
			.build());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(json.readTree(response.body()).get("maxBytes").asLong()).isEqualTo(8192);
	}

	@Test
	void theOpenApiDocumentDescribesBothUploadForms() throws Exception {
		JsonNode upload = json.readTree(send(get("/v3/api-docs")).body()).at("/paths/~1api~1v1~1datasets/post");
		assertThat(upload.at("/requestBody/content").propertyNames()).contains("text/csv", "multipart/form-data");
		assertThat(upload.at("/responses").propertyNames()).contains("201", "400", "413", "422");
	}

	private static byte[] big(int bytes) {
		StringBuilder csv = new StringBuilder("x,y\n");
		while (csv.length() < bytes) {
			csv.append("1.25,2.5\n");
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private HttpRequest multipart(String fileName, byte[] content, String query) throws IOException {
		String boundary = "lrtune-test-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(uri("/api/v1/datasets" + query))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET().build();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, BodyHandlers.ofString());
	}

}
