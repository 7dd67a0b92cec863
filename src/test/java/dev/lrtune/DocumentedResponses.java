package dev.lrtune;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds every answer of the end-to-end tests to the OpenAPI document the server serves at {@code /v3/api-docs}: the
 * status must be listed for the operation, the content type declared for that status, and a JSON body must validate
 * against the declared schema (JSON Schema 2020-12 with the OpenAPI 3.1 vocabulary, formats asserted). A test's
 * {@code RestClient} takes {@link #interceptor()}; other clients call {@link #check}. A mismatch fails the test with
 * the operation, the status and what did not conform.
 */
public final class DocumentedResponses {

	private static final Map<Integer, DocumentedResponses> BY_PORT = new ConcurrentHashMap<>();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
			builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private final JsonNode document;

	private final List<Template> templates;

	private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

	private record Template(String path, Pattern pattern, int variables) {
	}

	private DocumentedResponses(JsonNode document) {
		this.document = document;
		List<Template> found = new ArrayList<>();
		document.get("paths").propertyNames().forEach(path -> {
			String regex = Pattern.compile("\\{[^}]+}").splitAsStream(path).map(Pattern::quote)
				.reduce((a, b) -> a + "[^/]+" + b).orElse("") + (path.endsWith("}") ? "[^/]+" : "");
			found.add(new Template(path, Pattern.compile(regex), (int) path.chars().filter(c -> c == '{').count()));
		});
		found.sort(Comparator.comparingInt(Template::variables));
		this.templates = List.copyOf(found);
	}

	/** Answers held to this document. */
	static DocumentedResponses of(JsonNode document) {
		return new DocumentedResponses(document);
	}

	/** The document served on that port, fetched once. */
	public static DocumentedResponses of(int port) {
		return BY_PORT.computeIfAbsent(port, p -> {
			try {
				String body = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + p + "/v3/api-docs")).build(),
							BodyHandlers.ofString())
					.body();
				return new DocumentedResponses(JSON.readTree(body));
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot read the OpenAPI document", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
	}

	/** Fails with every way the answer departs from the document. */
	public void check(String method, String pathAndQuery, int status, String contentType, byte[] body) {
		List<String> problems = problems(method, pathAndQuery, status, contentType, body);
		if (!problems.isEmpty()) {
			throw new AssertionError(method + " " + pathAndQuery + " answered " + status + " " + contentType
					+ ", which the OpenAPI document does not describe:\n  " + String.join("\n  ", problems) + "\nbody: "
					+ new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8));
		}
	}

	/** What does not conform; empty when the answer is as documented or the path is not an API operation. */
	public List<String> problems(String method, String pathAndQuery, int status, String contentType, byte[] body) {
		String path = pathAndQuery.split("\\?", 2)[0];
		Optional<Template> template = templates.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst();
		if (template.isEmpty() || !path.startsWith("/api/") || method.equals("HEAD") || method.equals("OPTIONS")) {
			// HEAD and OPTIONS are HTTP's own, answered for every operation; a document lists neither
			return List.of();
		}
		JsonNode operation = document.get("paths").get(template.get().path()).get(method.toLowerCase(Locale.ROOT));
		if (operation == null) {
			// no operation: the container refuses a malformed request, the dispatcher an unmapped one
			return List.of(400, 404, 405).contains(status) ? List.of()
					: List.of("no " + method + " operation at " + template.get().path());
		}
		JsonNode responses = operation.get("responses");
		JsonNode response = responses.get(String.valueOf(status));
		if (response == null) {
			response = responses.get(status / 100 + "XX");
		}
		if (response == null) {
			response = responses.get("default");
		}
		if (response == null) {
			return List.of("status " + status + " is not listed (listed: " + responses.propertyNames() + ")");
		}
		if (body == null || body.length == 0) {
			return List.of();
		}
		JsonNode content = response.get("content");
		String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (content == null || content.get(type) == null) {
			return List.of("content type " + type + " is not declared for " + status + " (declared: "
					+ (content == null ? "none" : content.propertyNames()) + ")");
		}
		JsonNode schema = content.get(type).get("schema");
		if (schema == null || !(type.equals("application/json") || type.endsWith("+json"))) {
			return List.of();
		}
		JsonNode instance;
		try {
			instance = JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return List.of("the body is not JSON");
		}
		Schema validator = compiled.computeIfAbsent(template.get().path() + " " + method + " " + status + " " + type,
				key -> {
					ObjectNode root = ((ObjectNode) schema).deepCopy();
					root.set("components", document.get("components"));
					return SCHEMAS.getSchema(root);
				});
		List<Error> errors = validator.validate(instance);
		return errors.stream().limit(20).map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
	}

	/**
	 * A client of the application listening on {@code port}, its requests relative to {@code basePath}, every answer
	 * checked against the application's OpenAPI document.
	 */
	public static RestClient.Builder client(int port, String basePath) {
		return RestClient.builder().baseUrl("http://localhost:" + port + basePath).requestInterceptor(of(port).interceptor());
	}

	/** For a {@code RestClient}: checks each answer, then hands it on with its body buffered. */
	public ClientHttpRequestInterceptor interceptor() {
		return (request, requestBody, execution) -> {
			ClientHttpResponse response = execution.execute(request, requestBody);
			String contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
			if (contentType != null && contentType.startsWith("text/event-stream")) {
				return response;
			}
			byte[] body = response.getBody().readAllBytes();
			URI uri = request.getURI();
			check(request.getMethod().name(), uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
					response.getStatusCode().value(), contentType, body);
			return new Buffered(response, body);
		};
	}

	private record Buffered(ClientHttpResponse response, byte[] body) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return response.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(body);
		}

		@Override
		public void close() {
			response.close();
		}

	}

}
