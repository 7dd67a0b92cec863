package dev.lrtune.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One ready-to-send request per schedule type on {@code POST /api/v1/schedules/preview}, so Swagger UI offers a
 * working "Try it out" for each: the catalogue's example schedule, over enough steps to show its shape, and for a
 * schedule driven by the validation loss a {@code metrics} array to drive it.
 *
 * <p>The values are plain maps written by the application's Jackson 3 mapper: swagger-core writes the document with
 * its own Jackson 2, which would not know the spec records' Jackson 3 configuration.
 */
@Component
class PreviewExamples implements OpenApiCustomizer {

	static final String PATH = "/api/v1/schedules/preview";

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	/** Steps of a pure schedule's example: the catalogue's examples are sized for runs of about 1000 steps. */
	static final int STEPS = 1000;

	/** Steps of a metric-driven schedule's example, short enough to read its {@code metrics} in the UI. */
	static final int METRIC_STEPS = 100;

	/** A metric-driven example evaluates every this many steps, as a training job with {@code evaluateEvery}. */
	static final int EVALUATE_EVERY = 5;

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final ScheduleCatalog catalog;

	private final JsonMapper json;

	PreviewExamples(ScheduleCatalog catalog, JsonMapper json) {
		this.catalog = catalog;
		this.json = json;
	}

	@Override
	public void customise(OpenAPI openApi) {
		PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get(PATH);
		Operation preview = path == null ? null : path.getPost();
		if (preview == null || preview.getRequestBody() == null || preview.getRequestBody().getContent() == null) {
			return;
		}
		MediaType body = preview.getRequestBody().getContent().get(JSON);
		if (body != null) {
			body.setExamples(examples());
		}
	}

	/** The example requests, named by schedule type, in the catalogue's order. */
	Map<String, Example> examples() {
		Map<String, Example> examples = new LinkedHashMap<>();
		for (ScheduleType type : catalog.all()) {
			Map<String, Object> request = request(type.example());
			examples.put(type.type(), new Example()
				.summary(type.type() + ", " + request.get("steps") + " steps"
						+ (request.containsKey("metrics") ? " with a validation loss every " + EVALUATE_EVERY : ""))
				.description(type.description())
				.value(request));
		}
		return examples;
	}

	private Map<String, Object> request(ScheduleSpec schedule) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("schedule", json.convertValue(schedule, MAP));
		if (schedule.toSchedule(1).isMetricDriven()) {
			request.put("steps", METRIC_STEPS);
			request.put("metrics", metrics(METRIC_STEPS));
		}
		else {
			request.put("steps", STEPS);
		}
		return request;
	}

	/**
	 * A validation loss measured every {@link #EVALUATE_EVERY} steps ({@code null} between): falling from 2 by 0.05 a
	 * step until it levels off at 0.5, so a plateau schedule has something to react to.
	 */
	static List<Double> metrics(int steps) {
		List<Double> metrics = new ArrayList<>(steps);
		for (int k = 0; k < steps; k++) {
			boolean evaluated = k % EVALUATE_EVERY == EVALUATE_EVERY - 1;
			metrics.add(evaluated ? Math.round(Math.max(0.5, 2 - 0.05 * k) * 1e4) / 1e4 : null);
		}
		return metrics;
	}

}
