package dev.lrtune.job.store;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import tools.jackson.databind.json.JsonMapper;

/** The JSON stored in {@code jobs.request} and {@code jobs.result}, written by the API's own mapper. */
@Component
public class JobJson {

	/** Parsed texts kept for {@link #readShared}: about the jobs a busy dashboard polls at once. */
	static final int SHARED_CAPACITY = 4096;

	private final JsonMapper mapper;

	private final Cache<Key, Object> shared;

	JobJson(JsonMapper mapper, MeterRegistry registry) {
		this.mapper = mapper;
		this.shared = Caffeine.newBuilder().maximumSize(SHARED_CAPACITY).executor(Runnable::run).recordStats().build();
		CaffeineCacheMetrics.monitor(registry, shared, "job-json");
	}

	public String write(Object value) {
		return value == null ? null : mapper.writeValueAsString(value);
	}

	public <T> T read(String json, Class<T> type) {
		return json == null ? null : mapper.readValue(json, type);
	}

	/**
	 * {@link #read}, remembering the result by its text: a job's request never changes and its result is written once,
	 * while a client polling a job reads them many times a second. The instance is shared between callers, which
	 * must only read it (the job views serialise it).
	 */
	public <T> T readShared(String json, Class<T> type) {
		if (json == null) {
			return null;
		}
		return type.cast(shared.get(new Key(type, json), key -> read(json, type)));
	}

	private record Key(Class<?> type, String json) {
	}

}
