package io.aiomisc.services.tcp;

import io.aiomisc.Service;
import io.aiomisc.services.tcp.internal.OptionChecks;
import io.aiomisc.services.tcp.internal.ProxyLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A TCP proxy for fault injection in tests and staging (aiomisc's pytest {@code TCPProxy}): listens on an unused
 * port, forwards every connection to the target, and lets the test slow it down, rewrite what passes, throttle
 * it, cut every connection or refuse new ones, while counting the bytes in each direction.
 *
 * <pre>{@code
 * TcpProxy proxy = new TcpProxy("127.0.0.1", server.localAddress().getPort());
 * // start it with the entrypoint, point the client at proxy.localAddress(), then:
 * proxy.setDelay(Duration.ofMillis(200), Duration.ZERO);   // every client-to-server chunk waits 200 ms
 * proxy.disconnectAll();                                   // every client reads end of stream
 * }</pre>
 *
 * <p>Traffic flows in chunks of at most 64 KiB, each read by a virtual thread per direction and connection.
 * Every setting applies at once to open connections too: a chunk already waiting out a delay waits for the new
 * delay instead (counted from when it arrived). Before the first chunk the client must connect: if the target
 * refuses, the client's connection is closed.
 *
 * <p>Thread-safety: every method may be called from any thread; none blocks except the lifecycle hooks.
 */
public final class TcpProxy extends Service {
    /** A direction of traffic through the proxy. */
    public enum Direction {
        /** From the client to the target (aiomisc's "read" side). */
        CLIENT_TO_SERVER,
        /** From the target back to the client (aiomisc's "write" side). */
        SERVER_TO_CLIENT
    }

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(50);

    private final String targetHost;
    private final int targetPort;
    private final String listenHost;
    private final Set<ProxyLink> links = ConcurrentHashMap.newKeySet();
    private final Set<Thread> connecting = ConcurrentHashMap.newKeySet();
    private final LongAdder[] bytes = {new LongAdder(), new LongAdder()};
    private final ReentrantLock delayLock = new ReentrantLock();
    private final Condition delayChanged = delayLock.newCondition();
    private final Condition limitChanged = delayLock.newCondition();
    private final Duration[] delays = {Duration.ZERO, Duration.ZERO};
    @SuppressWarnings("unchecked")
    private final UnaryOperator<byte[]>[] processors = new UnaryOperator[2];
    private volatile long bytesPerSecond;
    private volatile boolean refusing;
    private volatile ServerSocketChannel listener;
    private volatile InetSocketAddress localAddress;
    private Thread acceptor;

    /**
     * Creates a proxy listening on 127.0.0.1.
     *
     * @param targetHost where connections are forwarded
     * @param targetPort its port, 1..65535
     * @throws NullPointerException     if {@code targetHost} is null
     * @throws IllegalArgumentException if {@code targetHost} is blank or the port is outside 1..65535
     */
    public TcpProxy(String targetHost, int targetPort) {
        this(targetHost, targetPort, "127.0.0.1");
    }

    /**
     * Creates a proxy.
     *
     * @param targetHost where connections are forwarded
     * @param targetPort its port, 1..65535
     * @param listenHost the address to listen on (an unused port is picked)
     * @throws NullPointerException     if a host is null
     * @throws IllegalArgumentException if a host is blank or the port is outside 1..65535
     */
    public TcpProxy(String targetHost, int targetPort, String listenHost) {
        this.targetHost = OptionChecks.host(targetHost);
        this.targetPort = OptionChecks.remotePort(targetPort);
        this.listenHost = OptionChecks.host(listenHost);
    }

    /**
     * Binds an unused port and starts forwarding; returns once it listens.
     *
     * @throws IOException if the listen address cannot be bound
     */
    @Override
    protected void start() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(listenHost, 0));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        localAddress = (InetSocketAddress) channel.getLocalAddress();
        listener = channel;
        acceptor = Thread.ofVirtual().name(name() + "-acceptor").start(() -> acceptLoop(channel));
    }

    private void acceptLoop(ServerSocketChannel channel) {
        Thread.Builder pumps = Thread.ofVirtual().name(name() + "-pump-", 1);
        while (channel.isOpen()) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                // Typically EMFILE: retrying at once would spin while no descriptor is free; giving up would
                // leave a running proxy that accepts nothing.
                LOG.warn("{}: accept failed, retrying in {} ms: {}", name(), ACCEPT_RETRY.toMillis(), e.toString());
                try {
                    Thread.sleep(ACCEPT_RETRY);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            if (refusing) {
                ProxyLink.reset(client);
                continue;
            }
            // Tracked before it starts, so that a stop that joined the acceptor sees every link still connecting.
            Thread linker = pumps.unstarted(() -> link(client, pumps));
            connecting.add(linker);
            linker.start();
        }
    }

    private void link(SocketChannel client, Thread.Builder pumps) {
        try {
            connect(client, pumps);
        } finally {
            connecting.remove(Thread.currentThread());
        }
    }

    private void connect(SocketChannel client, Thread.Builder pumps) {
        SocketChannel server;
        try {
            LOG.debug("{}: connecting {} to the target {}:{}", name(), client.getRemoteAddress(), targetHost,
                    targetPort);
            server = SocketChannel.open();
            try {
                server.setOption(StandardSocketOptions.TCP_NODELAY, true);
                server.socket().connect(new InetSocketAddress(targetHost, targetPort), 10_000);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            if (listener == null || !listener.isOpen()) {
                LOG.debug("{}: stopped while connecting a client to the target: {}", name(), e.toString());
                ProxyLink.reset(client);
                return;
            }
            LOG.info("{}: cannot reach the target {}:{}, closing the client's connection: {}", name(), targetHost,
                    targetPort, e.toString());
            ProxyLink.reset(client);
            return;
        }
        ProxyLink[] self = new ProxyLink[1];
        self[0] = new ProxyLink(client, server, new Policy(), () -> links.remove(self[0]));
        links.add(self[0]);
        if (listener == null || !listener.isOpen()) {
            self[0].close();
            return;
        }
        self[0].start(pumps);
    }

    /**
     * Stops listening and closes every proxied connection; returns when their threads have ended. A connection
     * still connecting to the target is abandoned (its client is reset) and waited for too.
     *
     * @param cause why the entrypoint stops, or null
     * @throws InterruptedException if interrupted while waiting for the pump threads
     */
    @Override
    protected void stop(Throwable cause) throws Exception {
        ServerSocketChannel channel = listener;
        if (channel == null) {
            return;
        }
        channel.close();
        acceptor.interrupt();
        acceptor.join();
        // Interrupting a connect closes its socket at once instead of waiting out the connect timeout.
        for (Thread linker : List.copyOf(connecting)) {
            linker.interrupt();
        }
        for (Thread linker : List.copyOf(connecting)) {
            linker.join();
        }
        List<ProxyLink> open = List.copyOf(links);
        disconnectAll();
        for (ProxyLink link : open) {
            link.join();
        }
        listener = null;
    }

    /**
     * Returns the address clients connect to.
     *
     * @return the bound address
     * @throws IllegalStateException before the start
     */
    public InetSocketAddress localAddress() {
        InetSocketAddress address = localAddress;
        if (address == null) {
            throw new IllegalStateException(this + " has no local address before it started");
        }
        return address;
    }

    /**
     * Sets the delay of each chunk per direction (aiomisc's {@code set_delay}); applies at once to open
     * connections, chunks already waiting included.
     *
     * @param clientToServer the delay of chunks from clients, not negative ({@link Duration#ZERO}: none)
     * @param serverToClient the delay of chunks from the target, not negative
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if one is negative
     */
    public void setDelay(Duration clientToServer, Duration serverToClient) {
        OptionChecks.notNegative("clientToServer", clientToServer);
        OptionChecks.notNegative("serverToClient", serverToClient);
        delayLock.lock();
        try {
            delays[0] = clientToServer;
            delays[1] = serverToClient;
            delayChanged.signalAll();
        } finally {
            delayLock.unlock();
        }
    }

    /**
     * Sets delays until the returned handle is closed, then restores the earlier ones (aiomisc's
     * {@code slowdown}): {@code try (var slow = proxy.slowdown(...)) { ... }}.
     *
     * @param clientToServer the delay of chunks from clients, not negative
     * @param serverToClient the delay of chunks from the target, not negative
     * @return a handle whose {@code close()} restores the delays in force before this call
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if one is negative
     */
    public AutoCloseable slowdown(Duration clientToServer, Duration serverToClient) {
        Duration[] before;
        delayLock.lock();
        try {
            before = delays.clone();
        } finally {
            delayLock.unlock();
        }
        setDelay(clientToServer, serverToClient);
        return () -> setDelay(before[0], before[1]);
    }

    /**
     * Returns the current delay of a direction.
     *
     * @param direction the direction
     * @return the delay, {@link Duration#ZERO} by default
     */
    public Duration delay(Direction direction) {
        delayLock.lock();
        try {
            return delays[direction.ordinal()];
        } finally {
            delayLock.unlock();
        }
    }

    /**
     * Sets functions that rewrite each chunk (aiomisc's {@code set_content_processors}); null restores
     * pass-through. They run on the pump threads, one chunk at a time per connection and direction; a processor
     * that throws closes that connection.
     *
     * @param clientToServer rewrites chunks from clients, or null
     * @param serverToClient rewrites chunks from the target, or null
     */
    public void setContentProcessors(UnaryOperator<byte[]> clientToServer, UnaryOperator<byte[]> serverToClient) {
        delayLock.lock();
        try {
            processors[0] = clientToServer;
            processors[1] = serverToClient;
        } finally {
            delayLock.unlock();
        }
    }

    /**
     * Limits the throughput of each direction of each connection; applies at once, also to a chunk already
     * being paced (it is re-paced at the new limit; 0 releases it). Pacing starts afresh with each new limit
     * and after the connection was idle: bytes passed at an earlier limit are not charged at the new one, and
     * idle time is not saved up for a burst.
     *
     * @param bytesPerSecond the limit, or 0 for none (the default)
     * @throws IllegalArgumentException if it is negative
     */
    public void setBandwidthLimit(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be >= 0 (0: unlimited), was " + bytesPerSecond);
        }
        delayLock.lock();
        try {
            this.bytesPerSecond = bytesPerSecond;
            limitChanged.signalAll();
        } finally {
            delayLock.unlock();
        }
    }

    /**
     * Makes the proxy refuse new connections (accepted and reset at once) or take them again; open connections
     * are not affected.
     *
     * @param refusing true to refuse
     */
    public void setRefusing(boolean refusing) {
        this.refusing = refusing;
    }

    /**
     * Closes every proxied connection (aiomisc's {@code disconnect_all}): clients read end of stream; the proxy
     * keeps accepting new ones. Returns without waiting for the pump threads.
     */
    public void disconnectAll() {
        for (ProxyLink link : List.copyOf(links)) {
            link.close();
        }
    }

    /**
     * Returns how many bytes the proxy has passed on in a direction (after the content processors); a chunk is
     * counted as it is handed to the destination socket.
     *
     * @param direction the direction
     * @return the count since the proxy was created
     */
    public long bytes(Direction direction) {
        return bytes[direction.ordinal()].sum();
    }

    /**
     * Returns the number of proxied connections open now.
     *
     * @return the count
     */
    public int connections() {
        return links.size();
    }

    @Override
    public String toString() {
        return name() + "[" + state() + ", " + (localAddress == null ? "not listening" : localAddress) + " -> "
                + targetHost + ":" + targetPort + "]";
    }

    private final class Policy implements ProxyLink.Policy {
        @Override
        public void awaitDelay(int direction) throws InterruptedException {
            long arrived = System.nanoTime();
            delayLock.lockInterruptibly();
            try {
                while (true) {
                    long remaining = arrived + delays[direction].toNanos() - System.nanoTime();
                    if (remaining <= 0) {
                        return;
                    }
                    delayChanged.awaitNanos(remaining);
                }
            } finally {
                delayLock.unlock();
            }
        }

        @Override
        public UnaryOperator<byte[]> processor(int direction) {
            delayLock.lock();
            try {
                return processors[direction];
            } finally {
                delayLock.unlock();
            }
        }

        @Override
        public long bytesPerSecond() {
            return bytesPerSecond;
        }

        @Override
        public long awaitBandwidthChange(long rate, long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            delayLock.lockInterruptibly();
            try {
                while (bytesPerSecond == rate) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    limitChanged.awaitNanos(remaining);
                }
                return bytesPerSecond;
            } finally {
                delayLock.unlock();
            }
        }

        @Override
        public void count(int direction, int n) {
            bytes[direction].add(n);
        }
    }
}
