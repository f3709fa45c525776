package io.aiomisc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(120)
class BufferingTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final Capture capture = new Capture();
    private LogHandle handle;

    @AfterEach
    void closeHandle() {
        if (handle != null) {
            handle.close();
        }
    }

    private LogHandle configure(int bufferSize, Duration flushInterval) {
        handle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).target(capture.stream)
                .bufferSize(bufferSize).flushInterval(flushInterval).build());
        return handle;
    }

    @Test
    void outputIsFlushedWhenTheIntervalHasPassed() {
        configure(1024, Duration.ofMillis(50));
        LoggerFactory.getLogger("buffering.interval").info("waiting for the interval");
        // One record, far below the buffer size, and no flush call: only the interval can bring it out.
        Capture.await(() -> capture.linesOf("buffering.interval"), lines -> lines.size() == 1,
                "the record was flushed by the interval");
        // The writer counts a flush after the bytes reached the stream, so the count may trail the output a little.
        Capture.await(() -> handle.statistics(), statistics -> statistics.flushes() >= 1, "the flush is counted");
    }

    @Test
    void outputIsFlushedEveryBufferSizeRecords() {
        configure(16, NEVER);
        Logger log = LoggerFactory.getLogger("buffering.size");
        for (int i = 0; i < 16; i++) {
            log.info("record {}", i);
        }
        // The interval is an hour and nobody calls flush: only the size rule can bring these out.
        Capture.await(() -> capture.linesOf("buffering.size"), lines -> lines.size() == 16,
                "16 records were flushed once the buffer size was reached");
    }

    @Test
    void closeWritesAndFlushesEverythingBeforeItReturns() {
        configure(1024, NEVER);
        Logger log = LoggerFactory.getLogger("buffering.close");
        for (int i = 0; i < 10; i++) {
            log.info("record {}", i);
        }
        handle.close();
        assertEquals(10, capture.linesOf("buffering.close").size(), "close drained the buffer: " + capture.lines());
        assertEquals(0, Capture.countThreads("aiomisc-log-writer"), "close ended the writer thread");
    }

    @Test
    void flushWritesEverythingLoggedBeforeIt() {
        configure(1024, NEVER);
        Logger log = LoggerFactory.getLogger("buffering.flush");
        for (int i = 0; i < 100; i++) {
            log.info("record {}", i);
            handle.flush();
            assertEquals(i + 1, capture.linesOf("buffering.flush").size(), "flush brought record " + i + " out");
        }
    }

    @Test
    void afterCloseRecordsAreWrittenSynchronouslyFromAnyThread() throws Exception {
        configure(16, NEVER);
        Logger log = LoggerFactory.getLogger("buffering.after");
        log.info("before close");
        handle.close();
        log.info("right after close");
        assertEquals(2, capture.linesOf("buffering.after").size(), "a record after close is out at once");

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            // 4 × 1000 records through a 16-record buffer: after close nothing may wait for a writer.
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    log.info("late {}", i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4002, capture.linesOf("buffering.after").size(), "no record after close was lost");
        LogStatistics statistics = handle.statistics();
        assertEquals(4002, statistics.appended(), statistics.toString());
        assertEquals(4002, statistics.written(), statistics.toString());
    }

    @Test
    void anIdleWriterParksWithoutATimeout() {
        configure(1024, Duration.ofMillis(20));
        LoggerFactory.getLogger("buffering.idle").info("one record");
        handle.flush();
        Thread writer = Capture.await(() -> Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("aiomisc-log-writer")).findFirst().orElse(null),
                t -> t != null && t.getState() == Thread.State.WAITING,
                "the writer, with nothing left to flush, parks untimed (WAITING, not TIMED_WAITING)");
        StackTraceElement[] stack = writer.getStackTrace();
        assertTrue(stack.length > 0 && List.of(stack).stream().anyMatch(f -> f.getMethodName().equals("park")),
                "it waits in LockSupport.park: " + List.of(stack));
    }

    @Test
    void eightProducersOfAHundredThousandRecordsLoseNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stress.log");
        handle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).file(file).build());
        Logger log = LoggerFactory.getLogger("buffering.stress");
        int producers = 8;
        int records = 100_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            String name = "p" + p;
            threads.add(Thread.ofPlatform().name(name).start(() -> {
                awaitUninterruptibly(start);
                for (int i = 0; i < records; i++) {
                    log.info("{}", i);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        handle.close();

        int[] next = new int[producers];
        long lines = 0;
        for (String line : Capture.fileLines(file)) {
            int open = line.indexOf(" [p");
            int producer = Integer.parseInt(line.substring(open + 3, line.indexOf(']', open)));
            int sequence = Integer.parseInt(line.substring(line.lastIndexOf(" - ") + 3));
            assertEquals(next[producer], sequence, "producer p" + producer + "'s records arrive complete and in order");
            next[producer]++;
            lines++;
        }
        assertEquals((long) producers * records, lines, "every record was written");
        for (int p = 0; p < producers; p++) {
            assertEquals(records, next[p], "all of producer p" + p + "'s records were written");
        }
        LogStatistics statistics = handle.statistics();
        assertEquals(new LogStatistics(lines, lines, 0, statistics.flushes()), statistics);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
