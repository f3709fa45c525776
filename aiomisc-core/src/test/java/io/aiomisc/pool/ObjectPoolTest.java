package io.aiomisc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.resilience.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ObjectPoolTest {

    private final AtomicInteger serial = new AtomicInteger();
    private final List<Integer> disposed = new CopyOnWriteArrayList<>();

    private ObjectPoolBuilder<Integer> numbered() {
        return ObjectPool.<Integer>builder(serial::incrementAndGet).dispose(disposed::add);
    }

    /** Spins (yielding) until {@code count} threads wait on the pool; bounded by the test's timeout. */
    private static void awaitWaiting(ObjectPool<?> pool, int count) {
        while (pool.statistics().waiting() < count) {
            Thread.yield();
        }
    }

    @Test
    void createsLazilyAndReusesIdleInstances() throws Exception {
        ObjectPool<Integer> pool = numbered().build();
        assertEquals(0, pool.size(), "nothing is created before the first acquire");

        try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
            assertEquals(1, lease.get());
        }
        try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
            assertEquals(1, lease.get(), "an idle instance should be reused");
        }

        assertEquals(1, pool.size());
        assertEquals(1, pool.statistics().created());
        assertEquals(2, pool.statistics().acquired());
    }

    @Test
    void aThousandConcurrentAcquirersNeverCreateMoreThanMaxSize() throws Exception {
        AtomicInteger leased = new AtomicInteger();
        AtomicInteger maxLeased = new AtomicInteger();
        ObjectPool<Integer> pool = numbered().maxSize(10).build();
        List<Future<?>> done = new ArrayList<>();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                done.add(threads.submit(() -> {
                    try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
                        maxLeased.accumulateAndGet(leased.incrementAndGet(), Math::max);
                        Thread.yield();
                        leased.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertTrue(pool.statistics().created() <= 10, "created " + pool.statistics().created() + " > maxSize");
        assertTrue(maxLeased.get() <= 10, "leased at once: " + maxLeased.get());
        assertEquals(1000, pool.statistics().acquired());
    }

    @Test
    void waitingAcquirersAreServedInArrivalOrder() throws Exception {
        ObjectPool<Integer> pool = numbered().maxSize(1).build();
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        ObjectPool.Lease<Integer> held = pool.acquire();

        Thread first = Thread.ofVirtual().start(() -> leaseAndRecord(pool, "first", order));
        awaitWaiting(pool, 1);
        Thread second = Thread.ofVirtual().start(() -> leaseAndRecord(pool, "second", order));
        awaitWaiting(pool, 2);
        held.close();
        first.join();
        second.join();

        assertEquals(List.of("first", "second"), List.copyOf(order));
    }

    private static void leaseAndRecord(ObjectPool<Integer> pool, String name, ConcurrentLinkedQueue<String> order) {
        try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
            order.add(name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anInstanceWhoseCheckThrowsIsDisposedOfAndNeverHandedOut() throws Exception {
        // aiomisc logs the failed check but still hands the instance out.
        ObjectPool<Integer> pool = numbered().check(instance -> {
            if (instance == 1) {
                throw new IOException("connection reset");
            }
            return true;
        }).build();
        pool.acquire().close();

        try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
            assertEquals(2, lease.get(), "the instance that failed its check must not be handed out");
        }

        assertEquals(List.of(1), disposed);
        assertEquals(1, pool.statistics().checkFailures());
        assertEquals(1, pool.size());
    }

    @Test
    void anErrorFromTheCheckReachesTheCallerAndTheInstanceIsDisposedOfNotLeaked() throws Exception {
        ObjectPool<Integer> pool = numbered().check(instance -> {
            if (instance == 1) {
                throw new AssertionError("the check itself is broken");
            }
            return true;
        }).build();
        pool.acquire().close();

        assertThrows(AssertionError.class, pool::acquire, "an Error is not a failed check: the caller sees it");
        assertEquals(List.of(1), disposed, "the instance whose check blew up must still be disposed of");
        assertEquals(0, pool.size(), "and its slot freed");
        try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
            assertEquals(2, lease.get());
        }
    }

    @Test
    void anInstanceWhoseCheckReturnsFalseIsDisposedOf() throws Exception {
        ObjectPool<Integer> pool = numbered().check(instance -> instance != 1).build();
        pool.acquire().close();

        try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
            assertEquals(2, lease.get());
        }
        assertEquals(List.of(1), disposed);
    }

    @Test
    void aFailingCreateLeaksNoSlot() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ObjectPool<String> pool = ObjectPool.<String>builder(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("cannot connect");
            }
            return "connection";
        }).maxSize(1).build();

        assertThrows(IOException.class, pool::acquire);

        try (ObjectPool.Lease<String> lease = pool.acquire(Duration.ofSeconds(10))) {
            assertEquals("connection", lease.get(), "the only slot must be free again after the failed create");
        }
        assertEquals(1, pool.statistics().createFailures());
    }

    @Test
    void anInstanceIsRetiredAfterMaxUses() throws Exception {
        ObjectPool<Integer> pool = numbered().maxUses(2).build();

        for (int i = 0; i < 4; i++) {
            pool.acquire().close();
        }

        assertEquals(List.of(1, 2), disposed, "each instance serves two leases, then is disposed of");
        assertEquals(0, pool.size());
    }

    @Test
    void anInstanceIsRetiredOnceItReachesMaxAge() throws Exception {
        FakeTicker ticker = new FakeTicker();
        ObjectPool<Integer> pool = numbered().maxAge(Duration.ofMinutes(10)).ticker(ticker).build();
        pool.acquire().close();

        ticker.advance(Duration.ofMinutes(10));
        try (ObjectPool.Lease<Integer> lease = pool.acquire()) {
            assertEquals(2, lease.get(), "an aged idle instance must be replaced");
        }
        assertEquals(List.of(1), disposed);

        ObjectPool.Lease<Integer> lease = pool.acquire();
        ticker.advance(Duration.ofMinutes(10));
        lease.close();
        assertEquals(List.of(1, 2), disposed, "an instance that ages while leased is disposed of on return");
    }

    @Test
    void discardRetiresTheInstanceInsteadOfReturningIt() throws Exception {
        ObjectPool<Integer> pool = numbered().build();
        ObjectPool.Lease<Integer> lease = pool.acquire();

        lease.discard();
        lease.close();

        assertEquals(List.of(1), disposed);
        assertThrows(IllegalStateException.class, lease::get);
        try (ObjectPool.Lease<Integer> next = pool.acquire()) {
            assertNotEquals(1, next.get());
        }
    }

    @Test
    void closeDisposesOfIdleInstancesAtOnceAndLeasedOnesWhenReturned() throws Exception {
        ObjectPool<Integer> pool = numbered().maxSize(2).build();
        ObjectPool.Lease<Integer> idle = pool.acquire();
        ObjectPool.Lease<Integer> leased = pool.acquire();
        idle.close();

        pool.close();
        assertEquals(List.of(1), disposed);
        leased.close();

        assertEquals(List.of(1, 2), disposed);
        assertEquals(0, pool.size());
        assertThrows(IllegalStateException.class, pool::acquire);
    }

    @Test
    void closeWakesWaitingAcquirersWithAnError() throws Exception {
        ObjectPool<Integer> pool = numbered().maxSize(1).build();
        ObjectPool.Lease<Integer> held = pool.acquire();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                pool.acquire();
            } catch (Throwable e) {
                outcome.set(e);
            }
            finished.countDown();
        });
        awaitWaiting(pool, 1);

        pool.close();
        finished.await();
        waiter.join();

        assertInstanceOf(IllegalStateException.class, outcome.get());
        held.close();
        assertEquals(List.of(1), disposed);
    }

    @Test
    void acquireWithATimeoutGivesUpWhenThePoolStaysExhausted() throws Exception {
        ObjectPool<Integer> pool = numbered().maxSize(1).build();
        try (ObjectPool.Lease<Integer> held = pool.acquire()) {
            TimeoutException thrown = assertThrows(TimeoutException.class, () -> pool.acquire(Duration.ofMillis(1)));
            assertTrue(thrown.getMessage().contains("maxSize 1"), thrown.getMessage());
        }
    }

    @Test
    void aDisposerThatThrowsIsLoggedAndNeverReachesTheCaller() throws Exception {
        ObjectPool<Integer> pool = ObjectPool.<Integer>builder(serial::incrementAndGet).maxUses(1)
                .dispose(instance -> {
                    throw new IOException("close failed");
                }).build();
        ObjectPool.Lease<Integer> lease = pool.acquire();

        lease.close();

        assertEquals(0, pool.size());
        assertEquals(1L, pool.statistics().disposed());
    }

    @Test
    void invalidSettingsFailNamingTheParameter() {
        assertEquals("maxSize must be between 1 and 1000000, was 0",
                assertThrows(IllegalArgumentException.class, () -> numbered().maxSize(0)).getMessage());
        assertEquals("maxUses must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> numbered().maxUses(0)).getMessage());
        assertEquals("maxAge must be > 0, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> numbered().maxAge(Duration.ZERO)).getMessage());
    }
}
