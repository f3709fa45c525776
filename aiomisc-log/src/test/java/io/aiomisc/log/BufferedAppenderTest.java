package io.aiomisc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BufferedAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("buffered");
    private final GatedAppender delegate = new GatedAppender();
    private BufferedAppender buffered;

    @AfterEach
    void stop() {
        delegate.gate.countDown();
        if (buffered != null) {
            buffered.stop();
        }
    }

    BufferedAppenderTest() {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    }

    private BufferedAppender start(int bufferSize, Overflow overflow) {
        delegate.setContext(context);
        delegate.start();
        buffered = new BufferedAppender(delegate, bufferSize, Duration.ofHours(1), overflow);
        buffered.setContext(context);
        buffered.start();
        return buffered;
    }

    /** A started stream appender writing {@code %msg%n} into {@code out}, with logback's default immediate flush. */
    private OutputStreamAppender<ILoggingEvent> startedStream(OutputStream out) {
        OutputStreamAppender<ILoggingEvent> stream = new OutputStreamAppender<>();
        stream.setContext(context);
        stream.setOutputStream(out);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        stream.setEncoder(encoder);
        stream.start();
        return stream;
    }

    private ILoggingEvent event(String message) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
    }

    /** The writer takes record 0 and stays inside the wrapped appender until the gate opens. */
    private void blockWriterOnFirstRecord() throws InterruptedException {
        delegate.holdFirst = true;
        buffered.doAppend(event("0"));
        delegate.entered.await();
    }

    @Test
    void dropCountsExactlyTheRecordsItDrops() throws Exception {
        start(16, Overflow.DROP);
        blockWriterOnFirstRecord();
        for (int i = 1; i < 1000; i++) {
            buffered.doAppend(event(Integer.toString(i))); // returns at once: DROP never waits
        }
        // Record 0 is with the writer, 1..16 fill the 16-slot queue, 17..999 are dropped.
        assertEquals(983, buffered.statistics().dropped(), "exactly the records that did not fit are dropped");
        assertEquals(1000, buffered.statistics().appended());

        delegate.gate.countDown();
        buffered.stop();
        List<String> written = delegate.messages();
        assertEquals(17, written.size(), "the writer and the queue's records were written: " + written);
        for (int i = 0; i < 17; i++) {
            assertEquals(Integer.toString(i), written.get(i), "the kept records in order");
        }
        assertEquals(new LogStatistics(1000, 17, 983, buffered.statistics().flushes()), buffered.statistics());
    }

    @Test
    void blockParksTheProducerUntilThereIsRoomAndLosesNothing() throws Exception {
        start(16, Overflow.BLOCK);
        blockWriterOnFirstRecord();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 1; i <= 100; i++) {
                buffered.doAppend(event(Integer.toString(i)));
            }
        });
        Capture.await(producer::getState, state -> state == Thread.State.WAITING,
                "the producer parks (no CPU) while the queue is full");
        assertEquals(0, buffered.statistics().dropped(), "BLOCK drops nothing");
        assertEquals(0, delegate.messages().size(), "nothing is written while record 0 is held");
        assertEquals(17, buffered.statistics().appended(), "record 0 and a full queue of 16; the rest waits");

        delegate.gate.countDown();
        producer.join();
        buffered.flush();
        List<String> written = delegate.messages();
        assertEquals(101, written.size(), "every record was written");
        for (int i = 0; i <= 100; i++) {
            assertEquals(Integer.toString(i), written.get(i), "in order");
        }
    }

    @Test
    void anErrorFromTheWrappedAppenderLosesOnlyItsOwnRecordAndTheStatisticsAddUp() throws Exception {
        start(16, Overflow.BLOCK);
        blockWriterOnFirstRecord();
        for (int i = 1; i <= 16; i++) {
            buffered.doAppend(event(Integer.toString(i))); // fills the queue: the writer takes them as one batch
        }
        delegate.failOn = "5";

        delegate.gate.countDown();
        buffered.flush();

        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i <= 16; i++) {
            if (i != 5) {
                expected.add(Integer.toString(i));
            }
        }
        assertEquals(expected, delegate.messages(),
                "only the record whose write threw an Error is missing; the rest of its batch is written");
        assertEquals(new LogStatistics(17, 17, 0, buffered.statistics().flushes()), buffered.statistics(),
                "appended == written + dropped: the failed record counts as written, like a failed write");
        assertTrue(buffered.writerThread().isAlive(), "one failed record does not end the writer thread");
    }

    @Test
    void stopDrainsEverythingAndStopsTheWrappedAppender() {
        start(1024, Overflow.BLOCK);
        for (int i = 0; i < 500; i++) {
            buffered.doAppend(event(Integer.toString(i)));
        }
        buffered.stop();
        assertEquals(500, delegate.messages().size(), "stop wrote every queued record");
        assertFalse(delegate.isStarted(), "stop stopped the wrapped appender");
        assertFalse(buffered.isStarted());
        assertFalse(buffered.writerThread().isAlive(), "the writer thread ended");
    }

    @Test
    void stopBufferingKeepsWritingSynchronously() {
        start(1024, Overflow.BLOCK);
        buffered.doAppend(event("queued"));
        buffered.stopBuffering();
        assertTrue(buffered.isStarted(), "still accepting records");
        buffered.doAppend(event("direct"));
        assertEquals(List.of("queued", "direct"), delegate.messages(), "both written, the second at once");
        assertEquals(Thread.currentThread().getName(), lastThread(),
                "the record after stopBuffering was written on the logging thread");
    }

    private String lastThread() {
        String last = null;
        for (String thread : delegate.threads) {
            last = thread;
        }
        return last;
    }

    @Test
    void recordsAreCapturedOnTheLoggingThread() throws Exception {
        start(1024, Overflow.BLOCK);
        org.slf4j.MDC.put("key", "value");
        try {
            buffered.doAppend(new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "x={}", null,
                    new Object[] {"before"}));
        } finally {
            org.slf4j.MDC.remove("key");
        }
        buffered.flush();
        ILoggingEvent written = delegate.events.peek();
        assertEquals("x=before", written.getFormattedMessage());
        assertEquals(Thread.currentThread().getName(), written.getThreadName(), "the logging thread's name");
        assertEquals("value", written.getMDCPropertyMap().get("key"), "the logging thread's MDC");
    }

    @Test
    void deniedRecordsAreNotQueued() {
        start(1024, Overflow.BLOCK);
        buffered.addFilter(new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getMessage().startsWith("secret") ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        });
        buffered.doAppend(event("secret"));
        buffered.doAppend(event("public"));
        buffered.flush();
        assertEquals(List.of("public"), delegate.messages());
        assertEquals(1, buffered.statistics().appended());
    }

    @Test
    void aWrappedAppenderThatIsNotStartedLeavesTheBufferStopped() {
        buffered = new BufferedAppender(delegate);
        buffered.setContext(context);
        buffered.start();
        assertFalse(buffered.isStarted(), "not started without a started wrapped appender");
        assertTrue(context.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(status -> status.getMessage().contains("is not started")), "an error status says why");
    }

    @Test
    void theFlushScheduleOfAWrappedStreamAppenderIsTakenOverWhileBuffering() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> stream = startedStream(new BufferedOutputStream(bytes));
        assertTrue(stream.isImmediateFlush(), "logback's default");

        buffered = new BufferedAppender(stream, 1024, Duration.ofHours(1), Overflow.BLOCK);
        buffered.setContext(context);
        buffered.start();
        assertFalse(stream.isImmediateFlush(), "while buffering, flushing follows the buffer's schedule");
        buffered.doAppend(event("a"));
        buffered.flush();
        assertEquals("a\n", bytes.toString(), "flush() flushed the stream");
        assertEquals(1, buffered.statistics().flushes());

        buffered.stopBuffering();
        assertTrue(stream.isImmediateFlush(), "synchronous records are flushed one by one again");
        buffered.doAppend(event("b"));
        assertEquals("a\nb\n", bytes.toString(), "a record after stopBuffering is out at once");
    }

    @Test
    void flushesCountsTheFlushesOfTheSynchronousFallbackAfterBufferingStopped() {
        FlushCountingStream out = new FlushCountingStream();
        buffered = new BufferedAppender(startedStream(out), 1024, Duration.ofHours(1), Overflow.BLOCK);
        buffered.setContext(context);
        buffered.start();
        int before = out.flushes.get();

        buffered.doAppend(event("buffered"));
        buffered.stopBuffering();
        buffered.doAppend(event("after 1"));
        buffered.doAppend(event("after 2"));

        assertEquals(3, out.flushes.get() - before, "one flush for the drained buffer, one per synchronous record");
        assertEquals(out.flushes.get() - before, buffered.statistics().flushes(),
                "statistics().flushes() must count the flushes the stream saw, also after buffering stopped");
        assertEquals(new LogStatistics(3, 3, 0, 3), buffered.statistics());
    }

    @Test
    void synchronousRecordsIntoAnAppenderThatDoesNotFlushCountNoFlush() {
        start(16, Overflow.BLOCK);
        buffered.stopBuffering();
        long before = buffered.statistics().flushes();

        buffered.doAppend(event("a"));

        assertEquals(List.of("a"), delegate.messages());
        assertEquals(before, buffered.statistics().flushes(), "an appender without a stream was not flushed");
    }

    @Test
    void constructorRejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BufferedAppender(delegate, 0, Duration.ofSeconds(1), Overflow.BLOCK));
        assertEquals("bufferSize must be between 1 and 1048576, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BufferedAppender(delegate, 1, Duration.ofSeconds(-1), Overflow.BLOCK));
        assertThrows(NullPointerException.class, () -> new BufferedAppender(null));
    }

    /** Counts the flushes that reach it. */
    static final class FlushCountingStream extends ByteArrayOutputStream {
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }
    }

    /** Records what it is given; with {@code holdFirst}, the first record waits for the gate. */
    static final class GatedAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        volatile boolean holdFirst;
        /** The message whose write throws an AssertionError (an Error, which logback's doAppend does not catch). */
        volatile String failOn;

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().equals(failOn)) {
                throw new AssertionError("encoder bug on record " + failOn);
            }
            if (holdFirst && entered.getCount() > 0) {
                entered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }

        List<String> messages() {
            return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
