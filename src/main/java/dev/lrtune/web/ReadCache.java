package dev.lrtune.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers of hot reads (a polled job, a polled curve) kept for a short time, so that many clients asking for the same
 * thing cost one database read and one serialisation instead of one each. The values live in a Caffeine cache
 * (bounded, expiring on the given clock, with hit, miss and load statistics for {@link #bindTo metrics}); this class
 * adds what Caffeine cannot know, the rules below.
 *
 * <p>Two rules bound what it serves:
 * <ul>
 * <li><b>Age.</b> A value is served only while younger than {@code ttl}, counted from when its load <em>started</em>:
 * an answer shows the database as it was at most {@code ttl} before. That is the bound for changes made by other
 * instances sharing the database.
 * <li><b>This instance's writes.</b> A write calls {@link #changed} with the group it touched (a job id); once the
 * write has committed, values of that group loaded before are never served again. A value whose load started before
 * the invalidation is refused even when it is installed after it, so a client that wrote here reads its write here.
 * </ul>
 * Readers that miss while the same value is being loaded wait for that load rather than repeating it, unless it
 * started before this instance's last change of the group (then they load for themselves): Caffeine's own
 * compute-if-absent would make them wait for a load that can no longer be served. A {@code ttl} of zero turns caching
 * off (every read loads).
 *
 * @param <K> what a value is looked up by
 * @param <V> the value
 */
public final class ReadCache<K, V> {

	private final long ttlNanos;

	private final Function<K, Object> group;

	private final Ticker ticker;

	private final StatsCounter stats = new ConcurrentStatsCounter();

	/** The values, each with the clock when its load started; Caffeine evicts past the size and after the ttl. */
	private final Cache<K, Entry<V>> entries;

	/** Loads under way: a reader that misses while one runs waits for it instead of loading the same thing again. */
	private final Map<K, Load<V>> loads = new ConcurrentHashMap<>();

	/** Group → the clock when this instance last changed it; kept one {@code ttl}, after which it no longer matters. */
	private final Cache<Object, Long> changes;

	/**
	 * @param ttl how long a value may be served
	 * @param maxEntries the values kept at most (only a cost when exceeded, never a wrong answer)
	 * @param group the group of a key: {@link #changed} invalidates every key of a group
	 * @param clock nanoseconds, monotonic ({@link System#nanoTime} outside tests)
	 */
	public ReadCache(Duration ttl, int maxEntries, Function<K, Object> group, LongSupplier clock) {
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
		}
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
		}
		this.ttlNanos = ttl.toNanos();
		this.group = group;
		this.ticker = clock::getAsLong;
		// maintenance (eviction, expiry) runs on the calling thread: it is small, and needs no pool of its own
		this.entries = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.expireAfter(Expiry.<K, Entry<V>>writing((key, entry) -> remaining(entry)))
			.ticker(ticker)
			.executor(Runnable::run)
			.recordStats(() -> stats)
			.build();
		this.changes = Caffeine.newBuilder()
			.expireAfterWrite(Duration.ofNanos(Math.max(1, ttlNanos)))
			.ticker(ticker)
			.executor(Runnable::run)
			.build();
	}

	/**
	 * Publishes this cache's size, hits, misses, loads and evictions as Micrometer's {@code cache.*} meters tagged
	 * {@code cache=name} ({@code cache_gets_total{cache="job-views",result="hit"}} on Prometheus).
	 */
	public ReadCache<K, V> bindTo(MeterRegistry registry, String name) {
		CaffeineCacheMetrics.monitor(registry, entries, name);
		return this;
	}

	/**
	 * The value of {@code key}: a cached one when it is young enough and its group has not changed here since it was
	 * loaded, else {@code loader}'s (kept for the next reads unless {@code keep} refuses it). The loader's exceptions
	 * pass through and nothing is kept.
	 */
	public V get(K key, Supplier<V> loader, Predicate<V> keep) {
		if (ttlNanos == 0) {
			return loader.get();
		}
		// the change is read before the clock: a change record dropped meanwhile is older than ttl, and so is any
		// value it would have refused
		Long changed = changes.getIfPresent(group.apply(key));
		long now = ticker.read();
		Entry<V> entry = entries.policy().getIfPresentQuietly(key);
		if (fresh(entry, changed, now)) {
			stats.recordHits(1);
			return entry.value;
		}
		stats.recordMisses(1);
		Load<V> running = usableLoad(key, changed);
		if (running != null) {
			try {
				return running.get();
			}
			catch (ExecutionException ex) {
				// that load failed (a 404, an outage): this reader tries for itself and gets its own answer
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		Load<V> load = new Load<>(now);
		loads.put(key, load);
		try {
			V value = loader.get();
			if (value != null && keep.test(value)) {
				// stamped with a time before the load started; a slower load that started earlier does not replace a
				// newer value
				entries.asMap().merge(key, new Entry<>(value, now),
						(old, fresh) -> fresh.loadedAt - old.loadedAt >= 0 ? fresh : old);
			}
			stats.recordLoadSuccess(ticker.read() - now);
			load.complete(value);
			return value;
		}
		catch (RuntimeException | Error ex) {
			stats.recordLoadFailure(ticker.read() - now);
			load.completeExceptionally(ex);
			throw ex;
		}
		finally {
			loads.remove(key, load);
		}
	}

	/**
	 * The value of {@code key} when {@link #get} would serve it without loading: a cached one, or that of a load under
	 * way that {@code get} would wait for, once it ends (so that a burst of readers after a change does not all take
	 * the slow path to wait there). {@code null} otherwise, or when that load fails or gives {@code null}: then
	 * {@code get} answers.
	 */
	public V peek(K key) {
		if (ttlNanos == 0) {
			return null;
		}
		Long changed = changes.getIfPresent(group.apply(key));
		long now = ticker.read();
		Entry<V> entry = entries.policy().getIfPresentQuietly(key);
		if (fresh(entry, changed, now)) {
			stats.recordHits(1);
			return entry.value;
		}
		Load<V> running = usableLoad(key, changed);
		if (running == null) {
			return null; // a miss only once get() runs, so that a read is never counted twice
		}
		try {
			V value = running.get();
			if (value != null) {
				stats.recordMisses(1); // as get() counts a reader that waits
			}
			return value;
		}
		catch (ExecutionException ex) {
			return null; // get() tries for itself
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** The load of {@code key} under way when it started after the group's last change here, else {@code null}. */
	private Load<V> usableLoad(K key, Long changed) {
		Load<V> running = loads.get(key);
		return running != null && (changed == null || running.startedAt - changed > 0) ? running : null;
	}

	/** {@link #get(Object, Supplier, Predicate)} keeping every value. */
	public V get(K key, Supplier<V> loader) {
		return get(key, loader, value -> true);
	}

	/**
	 * This instance changed {@code group} in the database: once the current transaction (if any) has ended, or at
	 * once outside one, no value of the group loaded before is served again.
	 */
	public void changed(Object group) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					invalidate(group);
				}
			});
		}
		else {
			invalidate(group);
		}
	}

	/** No value of {@code group} loaded before now is served again. */
	public void invalidate(Object group) {
		if (ttlNanos == 0) {
			return;
		}
		changes.put(group, ticker.read());
	}

	/** Values kept now (for tests). */
	int size() {
		entries.cleanUp();
		return Math.toIntExact(entries.estimatedSize());
	}

	/** Younger than the ttl and loaded after the last change of its group here. */
	private boolean fresh(Entry<V> entry, Long changed, long now) {
		return entry != null && now - entry.loadedAt < ttlNanos && (changed == null || entry.loadedAt - changed > 0);
	}

	/** What is left of an entry's ttl, counted from when its load started. */
	private Duration remaining(Entry<V> entry) {
		return Duration.ofNanos(Math.max(0, ttlNanos - (ticker.read() - entry.loadedAt)));
	}

	private record Entry<V>(V value, long loadedAt) {
	}

	/** A load under way, started at {@code startedAt}. */
	private static final class Load<V> extends CompletableFuture<V> {

		final long startedAt;

		Load(long startedAt) {
			this.startedAt = startedAt;
		}

	}

}
