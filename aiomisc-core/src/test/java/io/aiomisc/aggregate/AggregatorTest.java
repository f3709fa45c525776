package io.aiomisc.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.resilience.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AggregatorTest {

    private static final Duration LEEWAY = Duration.ofMillis(10);

    private final FakeTicker ticker = new FakeTicker();
    private final List<List<Integer>> batches = new ArrayList<>();

    private List<Integer> doubled(List<Integer> arguments) {
        batches.add(arguments);
        return arguments.stream().map(x -> x * 2).toList();
    }

    private AggregatorBuilder<Integer, Integer> doubling() {
        return Aggregator.<Integer, Integer>builder(LEEWAY, this::doubled).ticker(ticker).executor(Runnable::run);
    }

    @Test
    void gathersCallsForTheLeewayAndMakesOneBatchCall() throws Exception {
        Aggregator<Integer, Integer> aggregator = doubling().build();

        CompletableFuture<Integer> a = aggregator.callAsync(1);
        CompletableFuture<Integer> b = aggregator.callAsync(2);
        CompletableFuture<Integer> c = aggregator.callAsync(3);
        ticker.advance(LEEWAY.minusNanos(1));
        assertFalse(a.isDone(), "the batch must wait for its leeway");
        ticker.advance(Duration.ofNanos(1));

        assertEquals(List.of(List.of(1, 2, 3)), batches, "three calls should make one batch call");
        assertEquals(2, a.get());
        assertEquals(4, b.get());
        assertEquals(6, c.get());
        AggregatorStatistics stats = aggregator.statistics();
        assertEquals(3, stats.calls());
        assertEquals(1, stats.batches());
        assertEquals(1, stats.succeeded());
    }

    @Test
    void theLeewayIsMeasuredFromTheFirstCallOfTheBatch() {
        Aggregator<Integer, Integer> aggregator = doubling().build();

        aggregator.callAsync(1);
        ticker.advance(LEEWAY.dividedBy(2));
        aggregator.callAsync(2);
        ticker.advance(LEEWAY.dividedBy(2));

        assertEquals(List.of(List.of(1, 2)), batches);
        aggregator.callAsync(3);
        ticker.advance(LEEWAY);
        assertEquals(List.of(List.of(1, 2), List.of(3)), batches, "a call after the flush opens a new batch");
    }

    @Test
    void theCallThatReachesMaxCountFlushesTheBatchAtOnce() throws Exception {
        Aggregator<Integer, Integer> aggregator = doubling().maxCount(2).build();

        CompletableFuture<Integer> a = aggregator.callAsync(1);
        CompletableFuture<Integer> b = aggregator.callAsync(2);

        assertEquals(List.of(List.of(1, 2)), batches, "a full batch must not wait for the leeway");
        assertEquals(2, a.get());
        assertEquals(4, b.get());
        assertEquals(0, ticker.pendingTasks(), "the full batch's timer should be cancelled");
    }

    @Test
    void theBatchFunctionsExceptionGoesToEveryCaller() {
        IOException failure = new IOException("database down");
        Aggregator<Integer, Integer> aggregator = Aggregator.<Integer, Integer>builder(LEEWAY, args -> {
            throw failure;
        }).ticker(ticker).executor(Runnable::run).build();

        CompletableFuture<Integer> a = aggregator.callAsync(1);
        CompletableFuture<Integer> b = aggregator.callAsync(2);
        ticker.advance(LEEWAY);

        assertSame(failure, assertThrows(ExecutionException.class, a::get).getCause());
        assertSame(failure, assertThrows(ExecutionException.class, b::get).getCause());
        assertEquals(1, aggregator.statistics().failed());
    }

    @Test
    void aBatchFunctionReturningTheWrongNumberOfResultsFailsEveryCallerClearly() {
        Aggregator<Integer, Integer> aggregator = Aggregator.<Integer, Integer>builder(LEEWAY, args -> List.of(1))
                .ticker(ticker).executor(Runnable::run).build();

        CompletableFuture<Integer> a = aggregator.callAsync(1);
        CompletableFuture<Integer> b = aggregator.callAsync(2);
        ticker.advance(LEEWAY);

        for (CompletableFuture<Integer> call : List.of(a, b)) {
            Throwable cause = assertThrows(ExecutionException.class, call::get).getCause();
            assertInstanceOf(IllegalStateException.class, cause);
            assertEquals("batch function returned 1 results for 2 arguments; it must return one result per "
                    + "argument, in order", cause.getMessage());
        }
    }

    @Test
    void theBlockingCallRethrowsTheBatchExceptionItself() {
        Aggregator<Integer, Integer> aggregator = Aggregator.<Integer, Integer>builder(LEEWAY, args -> {
            throw new IOException("down");
        }).maxCount(1).build();

        IOException thrown = assertThrows(IOException.class, () -> aggregator.call(1));
        assertEquals("down", thrown.getMessage());
    }

    @Test
    void anInterruptedCallerDoesNotLoseTheOtherCallersResults() throws Exception {
        CountDownLatch batchRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Aggregator<Integer, Integer> aggregator = Aggregator.<Integer, Integer>builder(Duration.ofMinutes(1), args -> {
            batchRunning.countDown();
            release.await();
            return args.stream().map(x -> x * 2).toList();
        }).maxCount(2).build();
        AtomicReference<Throwable> interruptedOutcome = new AtomicReference<>();
        AtomicReference<Integer> otherResult = new AtomicReference<>();

        Thread interrupted = Thread.ofVirtual().start(() -> {
            try {
                aggregator.call(1);
            } catch (Throwable e) {
                interruptedOutcome.set(e);
            }
        });
        Thread other = Thread.ofVirtual().start(() -> {
            try {
                otherResult.set(aggregator.call(2));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        batchRunning.await();
        interrupted.interrupt();
        interrupted.join();
        release.countDown();
        other.join();

        assertInstanceOf(InterruptedException.class, interruptedOutcome.get());
        assertEquals(4, otherResult.get(), "the other caller must still get its result");
    }

    @Test
    void worksFromFiveThousandVirtualThreads() throws Exception {
        ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
        Aggregator<Integer, Integer> aggregator = Aggregator.<Integer, Integer>builder(Duration.ofMillis(50), args -> {
            batchSizes.add(args.size());
            return args.stream().map(x -> x + 1).toList();
        }).maxCount(64).build();
        List<Future<Integer>> results = new ArrayList<>();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5000; i++) {
                int argument = i;
                results.add(threads.submit(() -> aggregator.call(argument)));
            }
            for (int i = 0; i < 5000; i++) {
                assertEquals(i + 1, results.get(i).get(), "every caller must get the result for its own argument");
            }
        }

        assertEquals(5000, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batchSizes.stream().allMatch(size -> size <= 64), "no batch may exceed maxCount");
        assertTrue(batchSizes.size() < 5000, "calls should have been batched, got " + batchSizes.size() + " batches");
        assertEquals(5000, aggregator.statistics().calls());
    }

    @Test
    void theItemFormFailsUnansweredCallsWithResultNotSet() throws Exception {
        Aggregator<String, Integer> aggregator = Aggregator.<String, Integer>itemBuilder(LEEWAY, items -> {
            items.get(0).complete(items.get(0).argument().length());
        }).ticker(ticker).executor(Runnable::run).build();

        CompletableFuture<Integer> answered = aggregator.callAsync("four");
        CompletableFuture<Integer> forgotten = aggregator.callAsync("x");
        ticker.advance(LEEWAY);

        assertEquals(4, answered.get());
        assertInstanceOf(ResultNotSetException.class, assertThrows(ExecutionException.class, forgotten::get).getCause());
    }

    @Test
    void anExceptionFromTheItemFormFailsOnlyTheUnansweredCalls() throws Exception {
        Aggregator<String, Integer> aggregator = Aggregator.<String, Integer>itemBuilder(LEEWAY, items -> {
            items.get(0).complete(1);
            throw new IOException("half way");
        }).ticker(ticker).executor(Runnable::run).build();

        CompletableFuture<Integer> answered = aggregator.callAsync("a");
        CompletableFuture<Integer> failed = aggregator.callAsync("b");
        ticker.advance(LEEWAY);

        assertEquals(1, answered.get(), "an answer given before the exception stands");
        assertEquals("half way", assertThrows(ExecutionException.class, failed::get).getCause().getMessage());
    }

    @Test
    void flushHandsTheOpenBatchOverAtOnce() throws Exception {
        Aggregator<Integer, Integer> aggregator = doubling().build();
        CompletableFuture<Integer> a = aggregator.callAsync(5);

        aggregator.flush();

        assertEquals(10, a.get());
        ticker.advance(LEEWAY);
        assertEquals(1, batches.size(), "the flushed batch's timer must not run it twice");
    }

    @Test
    void batchFunctionsSeeNoneOfTheCallersInheritableThreadLocals() throws Exception {
        InheritableThreadLocal<String> context = new InheritableThreadLocal<>();
        Aggregator<Integer, String> aggregator = Aggregator.<Integer, String>builder(LEEWAY,
                args -> List.of(String.valueOf(context.get()))).maxCount(1).build();
        context.set("caller's");
        try {
            assertEquals("null", aggregator.call(1),
                    "whether a caller or the timer closes a batch must not change what the batch sees");
        } finally {
            context.remove();
        }
    }

    @Test
    void invalidSettingsFailNamingTheParameter() {
        IllegalArgumentException leeway = assertThrows(IllegalArgumentException.class,
                () -> Aggregator.<Integer, Integer>builder(Duration.ZERO, this::doubled));
        assertEquals("leeway must be > 0, was PT0S", leeway.getMessage());
        IllegalArgumentException maxCount = assertThrows(IllegalArgumentException.class,
                () -> doubling().maxCount(0));
        assertEquals("maxCount must be >= 1, was 0", maxCount.getMessage());
    }
}
