package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

@Timeout(30)
@SuppressWarnings("try") // bindings are opened for their effect on the thread, not referenced
class ThreadedTest {

    private static final long WAIT_SECONDS = 10;

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void withoutABindingTheDefaultPoolIsOneProcessWidePool() throws Exception {
        ThreadPool fromOtherThread = CompletableFuture.supplyAsync(Threaded::defaultPool,
                runnable -> Thread.ofPlatform().start(runnable)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        ThreadPool here = Threaded.defaultPool();
        assertSame(here, fromOtherThread, "every unbound thread must share the process-wide pool");
        assertEquals(Threaded.PROCESS_POOL_NAME, here.name());
        assertEquals(ThreadPool.defaultSize(), here.statistics().threads());
        String threadName = Threaded.call(() -> Thread.currentThread().getName()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(threadName.startsWith("aiomisc-default-"), "ran on " + threadName);
    }

    @Test
    void aBindingIsInheritedByPlatformAndVirtualChildThreads() throws Exception {
        try (ThreadPool pool = new ThreadPool(1, PoolThreads.uniqueName("bound"));
                PoolBinding binding = Threaded.bindDefaultPool(pool)) {
            assertSame(pool, binding.pool());
            assertSame(pool, Threaded.defaultPool());
            assertSame(pool, defaultPoolSeenBy(Thread.ofPlatform()));
            assertSame(pool, defaultPoolSeenBy(Thread.ofVirtual()));
            assertSame(pool, Threaded.separate(Threaded::defaultPool).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertSame(pool, Threaded.virtual(Threaded::defaultPool).get(WAIT_SECONDS, TimeUnit.SECONDS));
            String ranOn = Threaded.call(() -> Thread.currentThread().getName()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(ranOn.startsWith(pool.name() + "-"), "Threaded.call must use the bound pool, ran on " + ranOn);
        }
        assertEquals(Threaded.PROCESS_POOL_NAME, Threaded.defaultPool().name(), "closing the binding unbinds the pool");
    }

    @Test
    void twoBindingsOnTwoThreadsNeverShareTheirPool() throws Exception {
        try (ThreadPool first = new ThreadPool(1, PoolThreads.uniqueName("first"));
                ThreadPool second = new ThreadPool(1, PoolThreads.uniqueName("second"))) {
            CompletableFuture<ThreadPool> seenUnderFirst = new CompletableFuture<>();
            CompletableFuture<ThreadPool> seenUnderSecond = new CompletableFuture<>();
            Thread a = Thread.ofPlatform().start(() -> {
                try (PoolBinding ignored = Threaded.bindDefaultPool(first)) {
                    seenUnderFirst.complete(defaultPoolSeenBy(Thread.ofVirtual()));
                } catch (Exception e) {
                    seenUnderFirst.completeExceptionally(e);
                }
            });
            Thread b = Thread.ofPlatform().start(() -> {
                try (PoolBinding ignored = Threaded.bindDefaultPool(second)) {
                    seenUnderSecond.complete(defaultPoolSeenBy(Thread.ofPlatform()));
                } catch (Exception e) {
                    seenUnderSecond.completeExceptionally(e);
                }
            });
            a.join();
            b.join();
            assertSame(first, seenUnderFirst.get(), "children of the first binding must see the first pool");
            assertSame(second, seenUnderSecond.get(), "children of the second binding must see the second pool");
        }
    }

    @Test
    void closingANestedBindingRestoresTheOuterOne() {
        try (ThreadPool outer = new ThreadPool(1); ThreadPool inner = new ThreadPool(1)) {
            try (PoolBinding ignored = Threaded.bindDefaultPool(outer)) {
                PoolBinding nested = Threaded.bindDefaultPool(inner);
                assertSame(inner, Threaded.defaultPool());
                nested.close();
                nested.close(); // idempotent
                assertSame(outer, Threaded.defaultPool());
            }
        }
    }

    @Test
    void aBindingMustBeClosedOnTheThreadThatMadeIt() throws Exception {
        try (ThreadPool pool = new ThreadPool(1); PoolBinding binding = Threaded.bindDefaultPool(pool)) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    binding.close();
                    failure.complete(null);
                } catch (Throwable e) {
                    failure.complete(e);
                }
            }).join();
            assertTrue(failure.get() instanceof IllegalStateException, "got " + failure.get());
            assertSame(pool, Threaded.defaultPool(), "the failed close must leave the binding in place");
        }
    }

    @Test
    void runCompletesWithNullAndThreadedDecoratesAFunction() throws Exception {
        try (ThreadPool pool = new ThreadPool(2); PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            assertNull(Threaded.run(() -> ranOn.set(Thread.currentThread())).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(ranOn.get().getName().startsWith(pool.name() + "-"));

            Function<String, CompletableFuture<Integer>> length = Threaded.threaded(String::length);
            assertEquals(5, length.apply("hello").get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void exceptionsReachTheCallerThroughEveryFuture() {
        IOException thrown = new IOException("expected by the test");
        try (ThreadPool pool = new ThreadPool(1); PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            assertSame(thrown, causeOf(Threaded.call(() -> {
                throw thrown;
            })));
            assertSame(thrown, causeOf(Threaded.run(() -> {
                throw thrown;
            })));
            assertSame(thrown, causeOf(Threaded.<String, String>threaded(s -> {
                throw thrown;
            }).apply("x")));
            assertSame(thrown, causeOf(Threaded.separate(() -> {
                throw thrown;
            })));
            assertSame(thrown, causeOf(Threaded.virtual(() -> {
                throw thrown;
            })));
        }
    }

    @Test
    void separateRunsEachCallOnANewPlatformThreadOutsideAnyPool() throws Exception {
        Thread first = Threaded.separate(Thread::currentThread).get(WAIT_SECONDS, TimeUnit.SECONDS);
        Thread second = Threaded.separate(Thread::currentThread).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotSame(first, second, "each separate() call gets a thread of its own");
        for (Thread thread : new Thread[] {first, second}) {
            assertTrue(thread.getName().startsWith(Threaded.SEPARATE_THREAD_PREFIX), thread.getName());
            assertFalse(thread.isVirtual());
            assertTrue(thread.isDaemon(), "a separate thread must not keep the JVM alive (aiomisc detach=True)");
        }
    }

    @Test
    void virtualRunsOnAVirtualThread() throws Exception {
        Thread thread = Threaded.virtual(Thread::currentThread).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(thread.isVirtual());
        assertTrue(thread.getName().startsWith(Threaded.VIRTUAL_THREAD_PREFIX), thread.getName());
    }

    @Test
    void theCallersMdcIsHandedToTheWorkerAndTheWorkersOwnMdcIsRestored() throws Exception {
        try (ThreadPool pool = new ThreadPool(1); PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            // The single worker carries an MDC of its own, left by an earlier task.
            pool.call(() -> {
                MDC.put("worker", "own");
                return null;
            }).get(WAIT_SECONDS, TimeUnit.SECONDS);

            MDC.put("request", "r-42");
            Map<String, String> seenByTask = Threaded.call(MDC::getCopyOfContextMap).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(Map.of("request", "r-42"), seenByTask, "the task must see exactly the caller's MDC");

            MDC.clear();
            Map<String, String> afterwards = pool.call(MDC::getCopyOfContextMap).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(Map.of("worker", "own"), afterwards, "the worker's own MDC must be back after the task");

            MDC.put("request", "r-43");
            assertEquals("r-43", Threaded.separate(() -> MDC.get("request")).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals("r-43", Threaded.virtual(() -> MDC.get("request")).get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aShutDownProcessPoolIsReplacedOnNextUse() throws Exception {
        ThreadPool processPool = CompletableFuture.supplyAsync(Threaded::defaultPool,
                runnable -> Thread.ofPlatform().start(runnable)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Threaded.PROCESS_POOL_NAME, processPool.name());
        processPool.close();
        ThreadPool replacement = Threaded.defaultPool();
        assertNotSame(processPool, replacement);
        assertEquals(1, Threaded.call(() -> 1).get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    private static ThreadPool defaultPoolSeenBy(Thread.Builder builder) throws Exception {
        AtomicReference<ThreadPool> seen = new AtomicReference<>();
        builder.start(() -> seen.set(Threaded.defaultPool())).join();
        return seen.get();
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return e.getCause();
    }
}
