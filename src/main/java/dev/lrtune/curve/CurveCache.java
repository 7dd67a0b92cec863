package dev.lrtune.curve;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.lrtune.web.ReadCache;
import dev.lrtune.web.ReadCacheSettings;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Downsampled curves ({@code maxPoints} given) as {@code GET /curve} answers them, serialised, so that clients
 * polling a running job's curve cost one read of the curve store per flush rather than one per request. Writes to a
 * curve here ({@link Curves}) and a job's deletion call {@link #changed}; curves written by other instances show
 * within {@code lrtune.read-cache.ttl}, see {@link ReadCache}. Answers over {@code lrtune.read-cache.max-curve-size}
 * are not kept.
 */
@Component
public class CurveCache {

	private final ReadCache<Key, byte[]> cache;

	private final long maxBytes;

	CurveCache(ReadCacheSettings settings, MeterRegistry registry) {
		this.cache = settings.cache("curves", settings.maxEntries() / 100, Key::jobId, registry);
		this.maxBytes = settings.maxCurveSize().toBytes();
	}

	byte[] get(Key key, Supplier<byte[]> loader) {
		return cache.get(key, loader, json -> json.length <= maxBytes);
	}

	/**
	 * The answer to {@code key} when the cache holds it fresh or a load of it is under way (see
	 * {@link ReadCache#peek}), else {@code null} (then {@link #get} loads it).
	 */
	byte[] peek(Key key) {
		return cache.peek(key);
	}

	/** This instance wrote to (or deleted) the job's curve: once the transaction ends, reads load it again. */
	public void changed(long jobId) {
		cache.changed(jobId);
	}

	/** A read's arguments, as given (a missing one is {@code null}). */
	record Key(long jobId, Long from, Long to, Integer maxPoints, Double smoothing) {
	}

}
