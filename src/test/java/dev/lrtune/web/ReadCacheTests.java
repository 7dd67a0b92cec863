package dev.lrtune.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What {@link ReadCache} may serve, on a clock the test moves by hand: never a value older than the ttl, never a
 * value loaded before this instance's own committed write, and a newer value is never replaced by an older one.
 */
class ReadCacheTests {

	private static final Duration TTL = Duration.ofMillis(500);

	private static final long MS = 1_000_000;

	private final AtomicLong clock = new AtomicLong(1_000 * MS);

	/** The "database": one row per key, read by every loader. */
	private final AtomicReference<String> row = new AtomicReference<>("v1");

	private final AtomicInteger loads = new AtomicInteger();

	private ReadCache<Long, String> cache(Duration ttl) {
		return new ReadCache<>(ttl, 100, key -> key, clock::get);
	}

	private Supplier<String> database() {
		return () -> {
			loads.incrementAndGet();
			return row.get();
		};
	}

	@Test
	void aValueIsServedFromMemoryUntilItIsTtlOldThenLoadedAgain() {
		ReadCache<Long, String> cache = cache(TTL);
		assertThat(cache.get(1L, database())).isEqualTo("v1");
		row.set("v2"); // written by another instance: this one is not told
		clock.addAndGet(499 * MS);
		assertThat(cache.get(1L, database())).isEqualTo("v1");
		assertThat(loads).hasValue(1);
		clock.addAndGet(1 * MS);
		assertThat(cache.get(1L, database())).as("ttl old: loaded again").isEqualTo("v2");
		assertThat(loads).hasValue(2);
	}

	@Test
	void afterThisInstanceChangedAKeyTheNextReadLoadsIt() {
		ReadCache<Long, String> cache = cache(TTL);
		cache.get(1L, database());
		row.set("v2");
		clock.addAndGet(MS);
		cache.changed(1L);
		clock.addAndGet(MS);
		assertThat(cache.get(1L, database())).isEqualTo("v2");
		assertThat(cache.get(1L, database())).isEqualTo("v2");
		assertThat(loads).hasValue(2);
	}

	@Test
	void aChangeOfOneGroupLeavesTheOthersCached() {
		ReadCache<Long, String> cache = new ReadCache<>(TTL, 100, key -> key / 10, clock::get);
		cache.get(11L, database());
		cache.get(12L, database());
		cache.get(21L, database());
		clock.addAndGet(MS);
		cache.changed(1L);
		cache.get(11L, database());
		cache.get(12L, database());
		cache.get(21L, database());
		assertThat(loads).as("11 and 12 again, 21 from memory").hasValue(5);
	}

	@Test
	void aLoadThatStartedBeforeAChangeIsNotServedAfterIt() {
		ReadCache<Long, String> cache = cache(TTL);
		// the loader reads the row, then the write commits and invalidates, then the load ends and is installed
		String read = cache.get(1L, () -> {
			String before = row.get();
			clock.addAndGet(MS);
			row.set("v2");
			cache.changed(1L);
			clock.addAndGet(MS);
			return before;
		});
		assertThat(read).isEqualTo("v1");
		assertThat(cache.get(1L, database())).as("the write is read, not the value loaded before it").isEqualTo("v2");
	}

	@Test
	void aSlowLoadThatStartedBeforeAWriteDoesNotReplaceTheValueLoadedAfterIt() {
		ReadCache<Long, String> cache = cache(TTL);
		String slow = cache.get(1L, () -> {
			String before = row.get();
			clock.addAndGet(MS);
			row.set("v2");
			cache.changed(1L);
			clock.addAndGet(MS);
			// a reader that came after the write does not wait for the older load: it loads and keeps v2
			assertThat(cache.get(1L, database())).isEqualTo("v2");
			clock.addAndGet(MS);
			return before;
		});
		assertThat(slow).isEqualTo("v1");
		assertThat(cache.get(1L, database())).isEqualTo("v2");
		assertThat(loads).as("v2 was kept").hasValue(1);
	}

	@Test
	void withinATransactionTheChangeTakesEffectWhenItEnds() {
		ReadCache<Long, String> cache = cache(TTL);
		cache.get(1L, database());
		TransactionSynchronizationManager.initSynchronization();
		try {
			row.set("v2");
			clock.addAndGet(MS);
			cache.changed(1L);
			clock.addAndGet(MS);
			// before the commit the write is not visible to other connections, and the cached value still is served
			assertThat(cache.get(1L, database())).isEqualTo("v1");
			clock.addAndGet(MS);
			TransactionSynchronizationManager.getSynchronizations()
				.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		clock.addAndGet(MS);
		assertThat(cache.get(1L, database())).isEqualTo("v2");
	}

	@Test
	void twoInstancesOnOneDatabaseEachSeeTheirOwnWriteAtOnceAndTheOthersWithinTheTtl() {
		ReadCache<Long, String> a = cache(TTL);
		ReadCache<Long, String> b = cache(TTL);
		a.get(1L, database());
		clock.addAndGet(100 * MS);
		b.get(1L, database()); // b loaded 100 ms after a
		clock.addAndGet(MS);
		row.set("v2"); // written by a
		a.changed(1L);
		clock.addAndGet(MS);
		assertThat(a.get(1L, database())).isEqualTo("v2");
		assertThat(b.get(1L, database())).as("b was not told").isEqualTo("v1");
		clock.addAndGet(497 * MS);
		assertThat(b.get(1L, database())).as("499 ms after b loaded").isEqualTo("v1");
		clock.addAndGet(MS);
		assertThat(b.get(1L, database())).as("ttl after b loaded").isEqualTo("v2");
	}

	@Test
	void readersThatMissWhileALoadRunsWaitForItInsteadOfLoadingAgain() throws Exception {
		ReadCache<Long, String> cache = cache(TTL);
		ExecutorService readers = Executors.newFixedThreadPool(2);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> cache.get(1L, () -> {
			loading.countDown();
			await(release);
			return database().get();
		}), readers);
		loading.await();
		Thread[] second = new Thread[1];
		CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
			second[0] = Thread.currentThread();
			return cache.get(1L, database());
		}, readers);
		Awaitility.await().until(() -> second[0] != null && second[0].getState() == Thread.State.WAITING);
		release.countDown();
		assertThat(first.get()).isEqualTo("v1");
		assertThat(waiting.get()).isEqualTo("v1");
		assertThat(loads).as("one load for both readers").hasValue(1);
		readers.shutdown();
	}

	@Test
	void aReaderWaitingForALoadThatFailsLoadsForItself() throws Exception {
		ReadCache<Long, String> cache = cache(TTL);
		ExecutorService readers = Executors.newFixedThreadPool(2);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<String> failing = CompletableFuture.supplyAsync(() -> cache.get(1L, () -> {
			loading.countDown();
			await(release);
			throw new IllegalStateException("the database is down");
		}), readers);
		loading.await();
		Thread[] second = new Thread[1];
		CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
			second[0] = Thread.currentThread();
			return cache.get(1L, database());
		}, readers);
		Awaitility.await().until(() -> second[0] != null && second[0].getState() == Thread.State.WAITING);
		release.countDown();
		assertThatThrownBy(failing::get).hasCauseInstanceOf(IllegalStateException.class);
		assertThat(waiting.get()).isEqualTo("v1");
		assertThat(loads).hasValue(1);
		readers.shutdown();
	}

	@Test
	void aPeekWhileAUsableLoadRunsWaitsForItsValueAndAFailedOneLeavesTheReadToGet() throws Exception {
		ReadCache<Long, String> cache = cache(TTL);
		assertThat(cache.peek(1L)).as("nothing cached, nothing loading").isNull();
		ExecutorService readers = Executors.newFixedThreadPool(2);
		for (boolean fails : new boolean[] { false, true }) {
			CountDownLatch loading = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> cache.get(1L, () -> {
				loading.countDown();
				await(release);
				if (fails) {
					throw new IllegalStateException("the database is down");
				}
				return database().get();
			}), readers);
			loading.await();
			Thread[] second = new Thread[1];
			CompletableFuture<String> peeking = CompletableFuture.supplyAsync(() -> {
				second[0] = Thread.currentThread();
				return cache.peek(1L);
			}, readers);
			Awaitility.await().until(() -> second[0] != null && second[0].getState() == Thread.State.WAITING);
			release.countDown();
			assertThat(peeking.get()).as(fails ? "the load failed" : "the load's value").isEqualTo(fails ? null : "v1");
			assertThat(first.handle((value, ex) -> value).get()).isEqualTo(fails ? null : "v1");
			cache.invalidate(1L);
			clock.addAndGet(MS);
		}
		assertThat(loads).hasValue(1);
		readers.shutdown();
	}

	@Test
	void aPeekDoesNotWaitForALoadThatStartedBeforeAChange() throws Exception {
		ReadCache<Long, String> cache = cache(TTL);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<String> stale = CompletableFuture.supplyAsync(() -> cache.get(1L, () -> {
			loading.countDown();
			await(release);
			return database().get();
		}));
		loading.await();
		clock.addAndGet(MS);
		cache.changed(1L);
		assertThat(cache.peek(1L)).as("at once, without waiting").isNull();
		release.countDown();
		assertThat(stale.get()).isEqualTo("v1");
		assertThat(cache.peek(1L)).as("the stale load was not kept").isNull();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aTtlOfZeroLoadsEveryRead() {
		ReadCache<Long, String> cache = cache(Duration.ZERO);
		cache.get(1L, database());
		cache.get(1L, database());
		assertThat(loads).hasValue(2);
	}

	@Test
	void aValueTheFilterRefusesAndAFailedLoadAreNotKept() {
		ReadCache<Long, String> cache = cache(TTL);
		cache.get(1L, database(), value -> false);
		cache.get(1L, database(), value -> false);
		assertThat(loads).hasValue(2);
		assertThatThrownBy(() -> cache.get(2L, () -> {
			throw new IllegalStateException("no such row");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(cache.get(2L, database())).isEqualTo("v1");
	}

	@Test
	void pastMaxEntriesExpiredValuesGoFirstAndTheCacheStaysBounded() {
		ReadCache<Long, String> cache = new ReadCache<>(TTL, 10, key -> key, clock::get);
		for (long key = 0; key < 10; key++) {
			cache.get(key, database());
		}
		clock.addAndGet(TTL.toNanos());
		cache.get(100L, database());
		assertThat(cache.size()).as("the ten expired values went").isEqualTo(1);
		for (long key = 0; key < 50; key++) {
			cache.get(key, database());
			assertThat(cache.size()).isLessThanOrEqualTo(10);
		}
		row.set("v2");
		cache.changed(3L);
		clock.addAndGet(MS);
		assertThat(cache.get(3L, database())).isEqualTo("v2");
	}

}
