package dev.lrtune.job;

import java.util.function.LongFunction;

import org.springframework.stereotype.Component;

import dev.lrtune.job.store.JobChanges;
import dev.lrtune.job.store.Jobs;
import dev.lrtune.web.ReadCache;
import dev.lrtune.web.ReadCacheSettings;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job views as {@code GET /jobs/{id}} answers them, each built and serialised once per change rather than once per
 * read: clients poll a running job many times a second, and it changes about once a second (a curve flush). Every
 * write to a job here calls {@link #changed} ({@link Jobs} does); changes made by other instances show within
 * {@code lrtune.read-cache.ttl}, see {@link ReadCache}.
 */
@Component
class JobViews implements JobChanges {

	private final ReadCache<Long, View> cache;

	private final JsonMapper json;

	JobViews(ReadCacheSettings settings, JsonMapper json, MeterRegistry registry) {
		this.cache = settings.cache("job-views", settings.maxEntries(), id -> id, registry);
		this.json = json;
	}

	/** The job and its JSON, from {@code loader} (which throws for an unknown id) or from the cache. */
	View get(long id, LongFunction<Job> loader) {
		return cache.get(id, () -> {
			Job job = loader.apply(id);
			return new View(job, json.writeValueAsBytes(job));
		});
	}

	/**
	 * The job's JSON when the cache holds it fresh or a load of it is under way (see {@link ReadCache#peek}), else
	 * {@code null} (then {@link #get} loads it).
	 */
	byte[] cachedJson(long id) {
		View view = cache.peek(id);
		return view == null ? null : view.json();
	}

	@Override
	public void changed(long id) {
		cache.changed(id);
	}

	/**
	 * @param job the view, shared between readers (who must not change it)
	 * @param json its serialised form, as the API's mapper writes it
	 */
	record View(Job job, byte[] json) {
	}

}
