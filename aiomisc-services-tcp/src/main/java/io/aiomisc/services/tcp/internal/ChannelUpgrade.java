package io.aiomisc.services.tcp.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Turns an accepted connection into the channel a stream server reads and writes (TLS wraps it): {@link #wrap}
 * runs on the acceptor thread and must not block; {@link #prepare} runs on the connection's own virtual thread
 * before the handler and may block (the TLS handshake).
 */
public interface ChannelUpgrade {
    /** Leaves connections as they are. */
    ChannelUpgrade NONE = accepted -> accepted;

    /**
     * Wraps an accepted connection; must not block.
     *
     * @param accepted the accepted, blocking channel
     * @return the channel to use instead (or {@code accepted})
     * @throws IOException if the connection cannot be set up; it is closed and dropped
     */
    SocketChannel wrap(SocketChannel accepted) throws IOException;

    /**
     * Readies a wrapped connection before the handler sees it; may block.
     *
     * @param wrapped what {@link #wrap} returned
     * @throws IOException if the connection cannot be used (a failed handshake); it is closed, the handler
     *                     never runs
     */
    default void prepare(SocketChannel wrapped) throws IOException {
    }
}
