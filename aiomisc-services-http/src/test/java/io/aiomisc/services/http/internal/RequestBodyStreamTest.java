package io.aiomisc.services.http.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class RequestBodyStreamTest {
    // An EmbeddedChannel runs its loop's tasks only when told to, so the race is laid out step by step here.
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RequestBodyStream stream = new RequestBodyStream(channel);

    private void offer(int size) {
        stream.offer(Unpooled.wrappedBuffer(new byte[size]));
    }

    private void readDownTo(int left) throws Exception {
        byte[] buffer = new byte[4096];
        while (stream.available() > left) {
            assertTrue(stream.read(buffer, 0, Math.min(buffer.length, stream.available() - left)) > 0);
        }
    }

    @Test
    void staysPausedWhenTheLoopPausedAgainBeforeTheQueuedResumeRan() throws Exception {
        // queued counts the chunks not yet taken up by the reader: the first read takes the whole first chunk.
        offer(RequestBodyStream.HIGH_WATER + 1);
        assertFalse(channel.config().isAutoRead(), "over the high water mark the socket is not read");
        readDownTo(RequestBodyStream.LOW_WATER);   // queues the resume on the loop
        offer(RequestBodyStream.HIGH_WATER + 1);    // the loop ran first: over the mark again, paused again
        channel.runPendingTasks();
        assertFalse(channel.config().isAutoRead(),
                "a stale resume must not switch reading back on while more than the high water mark waits");
        readDownTo(RequestBodyStream.LOW_WATER);
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "down at the low water mark the socket is read again");
        assertEquals(RequestBodyStream.LOW_WATER, stream.available());
        channel.finishAndReleaseAll();
    }
}
