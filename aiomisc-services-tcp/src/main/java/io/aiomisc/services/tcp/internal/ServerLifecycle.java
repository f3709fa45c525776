package io.aiomisc.services.tcp.internal;

import io.aiomisc.Service;
import io.aiomisc.services.tcp.NettyLoop;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What every server service (TCP, raw TCP, UDP, HTTP) does around its engine: keeps the configured host and port,
 * starts a new engine per service start (on the entrypoint's shared Netty event loops when the engine needs them,
 * released again if the start fails), stops it and releases the loops, and reports the bound address.
 *
 * <p>Thread-safety: {@link #start}, {@link #startOnLoop} and {@link #stop()} are called by the service's own
 * start and stop, never at the same time; the accessors may be called from any thread.
 *
 * @param <E> the engine type
 */
public final class ServerLifecycle<E extends ServerEngine> {
    /** Makes the engine of one start. */
    @FunctionalInterface
    public interface Factory<E> {
        /**
         * Creates the engine; nothing is bound yet.
         *
         * @return the engine
         * @throws Exception if the engine cannot be made
         */
        E create() throws Exception;
    }

    /** Makes the engine of one start, on the event loops acquired for it. */
    @FunctionalInterface
    public interface LoopFactory<E> {
        /**
         * Creates the engine; nothing is bound yet.
         *
         * @param loop the entrypoint's event loops, acquired for this start
         * @return the engine
         * @throws Exception if the engine cannot be made
         */
        E create(NettyLoop loop) throws Exception;
    }

    private final String host;
    private final int port;
    private volatile E engine;
    private volatile NettyLoop loop;
    private volatile InetSocketAddress localAddress;

    /**
     * Creates the lifecycle of one service.
     *
     * @param host the host to bind, validated by the service
     * @param port the port to bind, 0 for an unused one, validated by the service
     */
    public ServerLifecycle(String host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /**
     * Creates and starts an engine that needs no event loops.
     *
     * @param factory makes the engine
     * @throws Exception what the factory or the engine's start threw
     */
    public void start(Factory<? extends E> factory) throws Exception {
        E started = factory.create();
        localAddress = started.start();
        engine = started;
    }

    /**
     * Acquires the service's entrypoint's event loops, then creates and starts an engine on them; when that fails,
     * the loops are released before the error is rethrown.
     *
     * @param service the service whose entrypoint's loops to use
     * @param factory makes the engine
     * @throws IllegalStateException if the entrypoint's transport cannot be loaded
     * @throws Exception             what the factory or the engine's start threw
     */
    public void startOnLoop(Service service, LoopFactory<? extends E> factory) throws Exception {
        NettyLoop acquired = NettyLoop.acquire(service.entrypoint());
        try {
            E started = factory.create(acquired);
            localAddress = started.start();
            engine = started;
            loop = acquired;
        } catch (Throwable e) {
            acquired.close();
            throw e;
        }
    }

    /**
     * Stops the engine of the last start, if any, then releases its event loops, if any, even when the stop was
     * interrupted.
     *
     * @throws InterruptedException if interrupted while the engine stops
     */
    public void stop() throws InterruptedException {
        E started = engine;
        NettyLoop acquired = loop;
        loop = null;
        try {
            if (started != null) {
                started.stop();
            }
        } finally {
            if (acquired != null) {
                acquired.close();
            }
        }
    }

    /**
     * Returns the engine of the last start; after a stop, the stopped engine.
     *
     * @return the engine, or null before the first successful start
     */
    public E engine() {
        return engine;
    }

    /**
     * Returns the address the last start bound.
     *
     * @param owner the service, named in the error
     * @return the bound address, with the real port when the configured one was 0
     * @throws IllegalStateException if no start has succeeded yet
     */
    public InetSocketAddress localAddress(Service owner) {
        InetSocketAddress address = localAddress;
        if (address == null) {
            throw new IllegalStateException(owner + " has no local address before it started");
        }
        return address;
    }

    /**
     * Returns the configured host.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * Returns the configured port.
     *
     * @return the port, 0 for an unused one
     */
    public int port() {
        return port;
    }

    /**
     * Describes the service for its {@code toString()}: name, state, host and port (the bound port once known).
     *
     * @param service the service
     * @return for example {@code EchoServer[RUNNING, 127.0.0.1:40123]}
     */
    public String describe(Service service) {
        InetSocketAddress address = localAddress;
        return service.name() + "[" + service.state() + ", " + host + ":" + (address == null ? port : address.getPort())
                + "]";
    }
}
