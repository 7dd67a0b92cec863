package dev.lrtune.job;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The JSON stored in {@code jobs.request} and {@code jobs.result}, written by the API's own mapper. */
@Component
class JobJson {

	private final JsonMapper mapper;

	JobJson(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String write(Object value) {
		return value == null ? null : mapper.writeValueAsString(value);
	}

	<T> T read(String json, Class<T> type) {
		return json == null ? null : mapper.readValue(json, type);
	}

}
