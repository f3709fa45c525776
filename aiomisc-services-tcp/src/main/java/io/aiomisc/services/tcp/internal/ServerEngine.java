package io.aiomisc.services.tcp.internal;

import java.net.InetSocketAddress;

/**
 * A server engine as {@link ServerLifecycle} runs it: one start that binds, one stop that drains. Engines know
 * nothing of {@code Service}; a service makes a new one for every start.
 */
public interface ServerEngine {
    /**
     * Binds and starts serving; returns once the socket is bound.
     *
     * @return the bound address
     * @throws Exception if binding failed (unknown host, address in use, unsupported socket option, broken TLS
     *                   files)
     */
    InetSocketAddress start() throws Exception;

    /**
     * Stops: closes the socket, lets open work finish for the grace period, ends the rest.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void stop() throws InterruptedException;
}
