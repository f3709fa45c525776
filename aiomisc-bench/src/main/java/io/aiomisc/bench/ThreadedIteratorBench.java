package io.aiomisc.bench;

import io.aiomisc.threads.Threaded;
import io.aiomisc.threads.ThreadedIterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hand-off throughput from a producer thread to the consumer (the benchmark thread) through a bounded
 * buffer, both sides parking when they must wait: {@link ThreadedIterator} (via
 * {@code Threaded.iterableSeparate}) against the {@link ArrayBlockingQueue} producer/consumer pair a
 * user would otherwise write, with the same capacity. Each invocation starts one producer platform
 * thread on both sides and moves {@link #ITEMS} items; the score is items per microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ThreadedIteratorBench {

    static final int ITEMS = 1 << 20;
    private static final Object ITEM = new Object();
    private static final Object END = new Object();

    @Param({"16", "1024"})
    public int capacity;

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void threadedIterator(Blackhole blackhole) {
        try (ThreadedIterator<Object> items = Threaded.iterableSeparate(sink -> {
            for (int i = 0; i < ITEMS; i++) {
                sink.emit(ITEM);
            }
        }, capacity)) {
            while (items.hasNext()) {
                blackhole.consume(items.next());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void arrayBlockingQueue(Blackhole blackhole) throws InterruptedException {
        ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < ITEMS; i++) {
                    queue.put(ITEM);
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "abq-producer");
        producer.setDaemon(true);
        producer.start();
        for (Object item; (item = queue.take()) != END; ) {
            blackhole.consume(item);
        }
        producer.join();
    }
}
