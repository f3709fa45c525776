package io.aiomisc.services.tcp.internal;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One proxied connection: a client socket, the socket to the target, and two virtual threads pumping chunks of
 * at most {@link #CHUNK} bytes, one per direction. Each chunk waits out the direction's current delay, goes
 * through its content processor, is paced to the bandwidth limit, and is written whole. The end of stream in one
 * direction is passed on as a half-close; the link closes when both directions ended or one failed.
 */
public final class ProxyLink {
    /** The largest chunk read at once, as aiomisc's proxy: 64 KiB. */
    public static final int CHUNK = 64 * 1024;

    /** What a pump asks of its proxy, per direction (0 = client to server, 1 = server to client). */
    public interface Policy {
        /**
         * Blocks for the direction's delay, re-reading it when it changes meanwhile.
         *
         * @param direction 0 or 1
         * @throws InterruptedException if the pump is interrupted
         */
        void awaitDelay(int direction) throws InterruptedException;

        /**
         * Returns the content processor of a direction.
         *
         * @param direction 0 or 1
         * @return the processor, or null for pass-through
         */
        UnaryOperator<byte[]> processor(int direction);

        /**
         * Returns the bandwidth limit.
         *
         * @return bytes per second per direction, 0 for none
         */
        long bytesPerSecond();

        /**
         * Blocks until the bandwidth limit is no longer {@code rate} or {@code nanos} have passed, whichever
         * comes first, so that a new limit applies at once to a chunk being paced.
         *
         * @param rate  the limit the caller paces to
         * @param nanos the most to wait
         * @return the limit in force when it returns ({@code rate} if it did not change)
         * @throws InterruptedException if the pump is interrupted
         */
        long awaitBandwidthChange(long rate, long nanos) throws InterruptedException;

        /**
         * Counts bytes about to be written in a direction.
         *
         * @param direction 0 or 1
         * @param bytes     how many
         */
        void count(int direction, int bytes);
    }

    private final SocketChannel client;
    private final SocketChannel server;
    private final Policy policy;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger(2);
    private final Thread[] pumps = new Thread[2];

    /**
     * Links two connected, blocking channels; call {@link #start(Thread.Builder)} to begin pumping.
     *
     * @param client  the accepted client connection
     * @param server  the connection to the target
     * @param policy  delays, processors, pacing and counters
     * @param onClose run once when the link closed
     */
    public ProxyLink(SocketChannel client, SocketChannel server, Policy policy, Runnable onClose) {
        this.client = client;
        this.server = server;
        this.policy = policy;
        this.onClose = onClose;
    }

    /**
     * Starts the two pumps.
     *
     * @param threads makes the pump threads (virtual)
     */
    public void start(Thread.Builder threads) {
        pumps[0] = threads.unstarted(() -> pump(0, client, server));
        pumps[1] = threads.unstarted(() -> pump(1, server, client));
        pumps[0].start();
        pumps[1].start();
    }

    private void pump(int direction, SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        BandwidthPacer pacer = new BandwidthPacer();
        try {
            while (true) {
                long chunkRate = policy.bytesPerSecond();
                buffer.clear();
                if (chunkRate > 0) {
                    buffer.limit((int) Math.max(1, Math.min(CHUNK, chunkRate / 20)));
                }
                if (from.read(buffer) < 0) {
                    to.shutdownOutput();
                    break;
                }
                policy.awaitDelay(direction);
                byte[] chunk = Arrays.copyOf(buffer.array(), buffer.position());
                UnaryOperator<byte[]> processor = policy.processor(direction);
                if (processor != null) {
                    chunk = processor.apply(chunk);
                }
                pace(pacer, chunk.length);
                // Counted before the write, so that a peer that has received the bytes sees them counted.
                policy.count(direction, chunk.length);
                ByteBuffer out = ByteBuffer.wrap(chunk);
                while (out.hasRemaining()) {
                    to.write(out);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            return;
        }
        if (running.decrementAndGet() == 0) {
            close();
        }
    }

    /** Waits until the chunk may go at the live limit; a limit changed meanwhile re-paces it at once. */
    private void pace(BandwidthPacer pacer, int length) throws InterruptedException {
        long rate = policy.bytesPerSecond();
        long wait = pacer.delayNanos(length, rate, System.nanoTime());
        while (wait > 0) {
            long live = policy.awaitBandwidthChange(rate, wait);
            if (live == rate) {
                return;
            }
            rate = live;
            wait = pacer.delayNanos(length, rate, System.nanoTime());
        }
    }

    /** Closes both sockets; the client reads end of stream. Idempotent; pumps end on their own. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (SocketChannel channel : new SocketChannel[] {client, server}) {
            try {
                channel.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                // Already shut or broken: closing below is all that is left.
            }
            try {
                channel.close();
            } catch (IOException e) {
                // Closing fails only for a broken socket; it is closed either way.
            }
        }
        for (Thread pump : pumps) {
            if (pump != null && pump != Thread.currentThread()) {
                pump.interrupt();
            }
        }
        onClose.run();
    }

    /**
     * Waits until both pump threads ended.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        for (Thread pump : pumps) {
            if (pump != null) {
                pump.join();
            }
        }
    }

    /**
     * Closes a freshly accepted connection with a reset (SO_LINGER 0): a refused client sees its connection fail.
     *
     * @param channel the accepted connection
     */
    public static void reset(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException e) {
            // Without the option the close below is a normal one; the client still loses the connection.
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }
}
