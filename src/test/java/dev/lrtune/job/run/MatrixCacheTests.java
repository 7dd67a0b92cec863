package dev.lrtune.job.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The cache of datasets' rows and splits ({@link MatrixCache}): recency alone decides what goes, a value heavier than
 * the bound is not kept, concurrent callers of one key share one load, a failed load is not kept, and a dataset's
 * entries can be dropped.
 */
class MatrixCacheTests {

	/** Values are their own weight. */
	private final MatrixCache<String, Long> cache = new MatrixCache<>(128, weight -> weight);

	@Test
	void aNewValueIsKeptOverOlderOnesReadAsOftenTheLeastRecentlyUsedGoing() {
		for (String warm : new String[] { "warm0", "warm1", "warm2" }) {
			cache.get(warm, key -> 40L);
		}
		cache.get("warm0", key -> 40L);

		cache.get("upload", key -> 40L);

		assertThat(cache.contains("upload")).isTrue();
		assertThat(cache.contains("warm1")).isFalse();
		assertThat(cache.contains("warm0")).isTrue();
		assertThat(cache.contains("warm2")).isTrue();
		AtomicInteger loads = new AtomicInteger();
		assertThat(cache.get("upload", key -> (long) loads.incrementAndGet())).isEqualTo(40L);
		assertThat(loads).hasValue(0);
	}

	@Test
	void aValueHeavierThanTheBoundIsReturnedButNotKeptNorDoesItEvictOthers() {
		cache.get("small", key -> 10L);

		assertThat(cache.get("huge", key -> 129L)).isEqualTo(129L);

		assertThat(cache.contains("huge")).isFalse();
		assertThat(cache.contains("small")).isTrue();
	}

	@Test
	void aPutValueIsTheMostRecentlyUsed() {
		cache.get("a", key -> 60L);
		cache.put("b", 60L);
		cache.put("c", 60L);

		assertThat(cache.contains("a")).isFalse();
		assertThat(cache.contains("b")).isTrue();
		assertThat(cache.contains("c")).isTrue();
	}

	@Test
	void callersOfAKeyBeingLoadedWaitForThatLoad() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger loads = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Long> first = threads.submit(() -> cache.get("split", key -> {
				loads.incrementAndGet();
				started.countDown();
				await(release);
				return 7L;
			}));
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Long> second = threads.submit(() -> cache.get("split", key -> (long) loads.incrementAndGet()));
			assertThat(cache.get("other", key -> 3L)).isEqualTo(3L); // another key is not held up by the load
			release.countDown();

			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(7L);
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(7L);
			assertThat(loads).hasValue(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aFailedLoadIsNotKeptTheNextCallerLoadsAgain() {
		assertThatThrownBy(() -> cache.get("gone", key -> {
			throw new IllegalStateException("dataset 4 no longer exists");
		})).isInstanceOf(IllegalStateException.class).hasMessage("dataset 4 no longer exists");

		assertThat(cache.contains("gone")).isFalse();
		assertThat(cache.get("gone", key -> 1L)).isEqualTo(1L);
		assertThat(cache.contains("gone")).isTrue();
	}

	@Test
	void droppedEntriesFreeTheirWeight() {
		cache.get("dataset 4 uploaded t/seed 1", key -> 50L);
		cache.get("dataset 4 uploaded t/seed 2", key -> 50L);
		cache.get("dataset 5 uploaded t/seed 1", key -> 20L);

		cache.invalidateIf(key -> key.startsWith("dataset 4 "));

		assertThat(cache.contains("dataset 4 uploaded t/seed 1")).isFalse();
		assertThat(cache.contains("dataset 4 uploaded t/seed 2")).isFalse();
		cache.get("next", key -> 108L);
		assertThat(cache.contains("dataset 5 uploaded t/seed 1")).isTrue();
		assertThat(cache.contains("next")).isTrue();
	}

	@Test
	void hitsMissesAndEvictionsAreCacheMeters() {
		MeterRegistry registry = new SimpleMeterRegistry();
		cache.monitor(registry, "dataset-splits");

		cache.get("a", key -> 100L);
		cache.get("a", key -> 100L);
		cache.get("b", key -> 100L);

		assertThat(registry.get("cache.gets").tag("cache", "dataset-splits").tag("result", "hit").functionCounter()
			.count()).isEqualTo(1);
		assertThat(registry.get("cache.gets").tag("cache", "dataset-splits").tag("result", "miss").functionCounter()
			.count()).isEqualTo(2);
		assertThat(registry.get("cache.evictions").tag("cache", "dataset-splits").functionCounter().count()).isEqualTo(1);
		assertThat(registry.get("cache.size").tag("cache", "dataset-splits").gauge().value()).isEqualTo(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
