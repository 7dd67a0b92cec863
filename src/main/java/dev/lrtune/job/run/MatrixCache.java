package dev.lrtune.job.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * A few large read-only values (a dataset's rows, a job's split matrices) weighed by their bytes, the least
 * recently used going first when their weight passes the bound. Recency alone decides: Caffeine's own size bound
 * admits a newcomer only when it has been asked for more often than the entry it would replace (TinyLFU), and it
 * refused a new 40 MB split for as long as the entries it would replace had been read as often, once each, so the
 * second job on a dataset split it again. Here the value most recently computed or handed over is the last to go,
 * since the next jobs most likely ask for it. A value heavier than the whole bound is not kept.
 *
 * <p>The values live in a Caffeine cache without a size bound, whose access order (kept for its
 * expire-after-access policy, set far beyond any run) says which entry is the least recently used; this class
 * only trims by weight. Caffeine does the rest: callers asking for a key being loaded wait for that load, a load
 * that throws is not kept, and the statistics behind Micrometer's cache meters (the trims count as evictions).
 */
final class MatrixCache<K, V> {

	/** Only for the access order: entries are dropped by weight, never by age. */
	private static final Duration NEVER = Duration.ofDays(365 * 100);

	private final long maxWeight;

	private final ToLongFunction<V> weigher;

	private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();

	private final Cache<K, V> cache;

	private final Policy.FixedExpiration<K, V> byAccess;

	MatrixCache(long maxWeight, ToLongFunction<V> weigher) {
		this.maxWeight = maxWeight;
		this.weigher = weigher;
		this.cache = Caffeine.newBuilder()
			.expireAfterAccess(NEVER)
			.executor(Runnable::run)
			.recordStats(() -> stats)
			.build();
		this.byAccess = cache.policy().expireAfterAccess().orElseThrow();
	}

	/** The value of {@code key}: kept, being loaded by another caller (then awaited), or loaded here and kept. */
	V get(K key, Function<K, V> loader) {
		AtomicBoolean loaded = new AtomicBoolean();
		V value = cache.get(key, k -> {
			loaded.set(true);
			return loader.apply(k);
		});
		if (loaded.get()) {
			trim(key, value);
		}
		return value;
	}

	/** Keeps {@code value} as the most recently used. */
	void put(K key, V value) {
		cache.put(key, value);
		trim(key, value);
	}

	void invalidateIf(Predicate<K> matches) {
		cache.asMap().keySet().removeIf(matches);
	}

	boolean contains(K key) {
		return cache.asMap().containsKey(key);
	}

	boolean containsAny(Predicate<K> matches) {
		return cache.asMap().keySet().stream().anyMatch(matches);
	}

	/** Drops the least recently used entries until the weight is within the bound; a newcomer above it goes alone. */
	private synchronized void trim(K newest, V value) {
		long newestWeight = weigher.applyAsLong(value);
		if (newestWeight > maxWeight) {
			evict(newest, value);
			return;
		}
		long weight = cache.asMap().values().stream().mapToLong(weigher).sum();
		for (Map.Entry<K, V> eldest : byAccess.oldest(Integer.MAX_VALUE).entrySet()) {
			if (weight <= maxWeight) {
				return;
			}
			if (evict(eldest.getKey(), eldest.getValue())) {
				weight -= weigher.applyAsLong(eldest.getValue());
			}
		}
	}

	private boolean evict(K key, V value) {
		boolean removed = cache.asMap().remove(key, value);
		if (removed) {
			stats.recordEviction((int) Math.min(Integer.MAX_VALUE, weigher.applyAsLong(value)), RemovalCause.SIZE);
		}
		return removed;
	}

	/** Binds the cache's size, hits, misses, puts and evictions as Micrometer's cache meters under {@code name}. */
	void monitor(MeterRegistry registry, String name) {
		CaffeineCacheMetrics.monitor(registry, cache, name);
	}

}
