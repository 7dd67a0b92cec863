package dev.lrtune.job.run;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;

/**
 * A few large read-only values (a dataset's rows, a job's split matrices) weighed by their bytes, the least
 * recently used going first when their weight passes the bound. Recency alone decides, unlike a frequency-based
 * cache (Caffeine's TinyLFU refused a new 40 MB split for as long as the entries it would replace had been read as
 * often, once each: the second job on a dataset split it again). Here the value most recently computed or handed
 * over is the last to go, since the next jobs most likely ask for it. A value heavier than the whole bound is
 * not kept.
 *
 * <p>Callers that ask for a key being loaded wait for that load instead of repeating it; a load that throws is
 * not kept, and its callers all get its exception.
 */
final class MatrixCache<K, V> {

	private final long maxWeight;

	private final ToLongFunction<V> weigher;

	/** Access order: the first entry is the least recently used. */
	private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

	private final Map<K, CompletableFuture<V>> loading = new HashMap<>();

	private long weight;

	private long hits;

	private long misses;

	private long puts;

	private long evictions;

	MatrixCache(long maxWeight, ToLongFunction<V> weigher) {
		this.maxWeight = maxWeight;
		this.weigher = weigher;
	}

	/** The value of {@code key}: kept, being loaded by another caller (then awaited), or loaded here and kept. */
	V get(K key, Function<K, V> loader) {
		CompletableFuture<V> load;
		boolean mine = false;
		synchronized (this) {
			Entry<V> entry = entries.get(key);
			if (entry != null) {
				hits++;
				return entry.value();
			}
			load = loading.get(key);
			if (load != null) {
				hits++;
			}
			else {
				misses++;
				load = new CompletableFuture<>();
				loading.put(key, load);
				mine = true;
			}
		}
		return mine ? load(key, loader, load) : await(load);
	}

	/** Runs {@code key}'s load (outside the lock: callers of other keys go on), keeps its value and hands it over. */
	private V load(K key, Function<K, V> loader, CompletableFuture<V> load) {
		V value;
		try {
			value = loader.apply(key);
		}
		catch (RuntimeException | Error ex) {
			synchronized (this) {
				loading.remove(key, load);
			}
			load.completeExceptionally(ex);
			throw ex;
		}
		synchronized (this) {
			loading.remove(key, load);
			keep(key, value);
		}
		load.complete(value);
		return value;
	}

	private V await(CompletableFuture<V> load) {
		try {
			return load.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while another job loaded the same matrices", ex);
		}
		catch (ExecutionException ex) {
			throw rethrow(ex.getCause());
		}
	}

	private static RuntimeException rethrow(Throwable cause) {
		if (cause instanceof CompletionException wrapped && wrapped.getCause() != null) {
			cause = wrapped.getCause();
		}
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException(cause);
	}

	/** Keeps {@code value} as the most recently used, replacing what {@code key} held. */
	synchronized void put(K key, V value) {
		keep(key, value);
	}

	/** Drops every kept value whose key {@code matches}; loads under way are not affected. */
	synchronized void invalidateIf(Predicate<K> matches) {
		Iterator<Map.Entry<K, Entry<V>>> all = entries.entrySet().iterator();
		while (all.hasNext()) {
			Map.Entry<K, Entry<V>> next = all.next();
			if (matches.test(next.getKey())) {
				weight -= next.getValue().weight();
				all.remove();
			}
		}
	}

	synchronized boolean contains(K key) {
		return entries.containsKey(key);
	}

	synchronized boolean containsAny(Predicate<K> matches) {
		return entries.keySet().stream().anyMatch(matches);
	}

	private void keep(K key, V value) {
		long valueWeight = weigher.applyAsLong(value);
		Entry<V> old = entries.remove(key);
		if (old != null) {
			weight -= old.weight();
		}
		puts++;
		if (valueWeight > maxWeight) {
			evictions++;
			return;
		}
		entries.put(key, new Entry<>(value, valueWeight));
		weight += valueWeight;
		Iterator<Entry<V>> eldest = entries.values().iterator();
		while (weight > maxWeight) {
			weight -= eldest.next().weight();
			eldest.remove();
			evictions++;
		}
	}

	/** Binds the cache's size, hits, misses, puts and evictions as Micrometer's cache meters under {@code name}. */
	void monitor(MeterRegistry registry, String name) {
		new Meters(this, name).bindTo(registry);
	}

	private record Entry<V>(V value, long weight) {
	}

	private static final class Meters extends CacheMeterBinder<MatrixCache<?, ?>> {

		private final MatrixCache<?, ?> cache;

		Meters(MatrixCache<?, ?> cache, String name) {
			super(cache, name, Tags.empty());
			this.cache = cache;
		}

		@Override
		protected Long size() {
			synchronized (cache) {
				return (long) cache.entries.size();
			}
		}

		@Override
		protected long hitCount() {
			synchronized (cache) {
				return cache.hits;
			}
		}

		@Override
		protected Long missCount() {
			synchronized (cache) {
				return cache.misses;
			}
		}

		@Override
		protected Long evictionCount() {
			synchronized (cache) {
				return cache.evictions;
			}
		}

		@Override
		protected long putCount() {
			synchronized (cache) {
				return cache.puts;
			}
		}

		@Override
		protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
		}

	}

}
