package dev.lrtune.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The JSON stored in {@code jobs.request} and {@code jobs.result}, written by the API's own mapper. */
@Component
class JobJson {

	/** Parsed texts kept for {@link #readShared}; past this many the cache starts over. */
	static final int SHARED_CAPACITY = 4096;

	private final JsonMapper mapper;

	private final Map<Key, Object> shared = new ConcurrentHashMap<>();

	JobJson(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String write(Object value) {
		return value == null ? null : mapper.writeValueAsString(value);
	}

	<T> T read(String json, Class<T> type) {
		return json == null ? null : mapper.readValue(json, type);
	}

	/**
	 * {@link #read}, remembering the result by its text: a job's request never changes and its result is written once,
	 * while a client polling a job reads them many times a second. The instance is shared between callers, which
	 * must only read it (the job views serialise it).
	 */
	<T> T readShared(String json, Class<T> type) {
		if (json == null) {
			return null;
		}
		Key key = new Key(type, json);
		Object cached = shared.get(key);
		if (cached != null) {
			return type.cast(cached);
		}
		T value = read(json, type);
		if (shared.size() >= SHARED_CAPACITY) {
			shared.clear();
		}
		shared.put(key, value);
		return value;
	}

	private record Key(Class<?> type, String json) {
	}

}
