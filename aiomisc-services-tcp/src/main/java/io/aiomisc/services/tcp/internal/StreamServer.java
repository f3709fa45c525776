package io.aiomisc.services.tcp.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The engine of {@code TcpServer}: a blocking JDK {@link ServerSocketChannel} whose accept loop runs on a
 * virtual thread, and one virtual thread per connection running the handler over a {@link StreamConnection}.
 * Chosen over a Netty pipeline bridged to virtual threads by measurement (docs/tcp.md): the JDK parks the
 * handler's virtual thread on its own poller, one hand-off per message instead of two.
 *
 * <p>Threads inherit the inheritable thread-locals of the thread that calls {@link #start()} (the entrypoint
 * binding among them). Not reusable: one start, one stop.
 */
public final class StreamServer implements ServerEngine {
    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(50);

    private record Entry(StreamConnection connection, SocketChannel channel, Thread thread) {
    }

    private final String name;
    private final ServerSettings settings;
    private final ConnectionHandler handler;
    private final ChannelUpgrade upgrade;
    private final ConnectionTracker<Entry> tracker;
    private final Thread.Builder connectionThreads;
    private final ConnectionLog log;
    private final ConnectionCounters counters;
    private volatile ServerSocketChannel listener;
    private Thread acceptor;
    private volatile boolean stopping;
    private volatile InetSocketAddress localAddress;

    /**
     * Creates the engine; nothing is bound yet.
     *
     * @param name     the server's name, for thread names and log lines
     * @param settings where and how to listen
     * @param handler  what runs per connection
     */
    public StreamServer(String name, ServerSettings settings, ConnectionHandler handler) {
        this(name, settings, handler, ChannelUpgrade.NONE);
    }

    /**
     * Creates the engine for connections that are upgraded (TLS) before the handler sees them.
     *
     * @param name     the server's name, for thread names and log lines
     * @param settings where and how to listen
     * @param handler  what runs per connection
     * @param upgrade  what wraps and readies each accepted connection
     */
    public StreamServer(String name, ServerSettings settings, ConnectionHandler handler, ChannelUpgrade upgrade) {
        this(name, settings, handler, upgrade, new ConnectionCounters());
    }

    /**
     * Creates the engine, counting into the service's counters.
     *
     * @param name     the server's name, for thread names and log lines
     * @param settings where and how to listen
     * @param handler  what runs per connection
     * @param upgrade  what wraps and readies each accepted connection
     * @param counters the service's counters, which outlive this engine
     */
    public StreamServer(String name, ServerSettings settings, ConnectionHandler handler, ChannelUpgrade upgrade,
                        ConnectionCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.upgrade = Objects.requireNonNull(upgrade, "upgrade");
        this.tracker = new ConnectionTracker<>(settings.maxConnections());
        this.connectionThreads = Thread.ofVirtual().name(name + "-connection-", 1);
        this.log = new ConnectionLog(LOG, name, settings.maxConnections());
    }

    /**
     * Binds and starts accepting. Returns once the socket listens.
     *
     * @return the bound address
     * @throws UnknownHostException     if the host name did not resolve
     * @throws IOException              if binding failed (address in use)
     * @throws IllegalArgumentException if a socket option is not supported
     */
    @Override
    public InetSocketAddress start() throws IOException {
        InetSocketAddress address = settings.address();
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        ServerSocketChannel channel = ServerSocketChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try (SocketChannel probe = SocketChannel.open()) {
            // Fails the start, not every accepted connection, when an option cannot be set on connections.
            SocketOptionScope.check(probe, SocketOptionScope.connection(settings.socketOptions()));
            SocketOptionScope.apply(channel, SocketOptionScope.listener(settings.socketOptions()));
            channel.bind(address, settings.backlog());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        listener = channel;
        localAddress = (InetSocketAddress) channel.getLocalAddress();
        acceptor = Thread.ofVirtual().name(name + "-acceptor").start(this::acceptLoop);
        return localAddress;
    }

    /**
     * Returns the bound address.
     *
     * @return the address, or null before {@link #start()}
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Tells whether the listening socket is open.
     *
     * @return true between {@link #start()} and the beginning of {@link #stop()}
     */
    public boolean listening() {
        ServerSocketChannel channel = listener;
        return channel != null && channel.isOpen();
    }

    /**
     * Returns the number of open connections.
     *
     * @return the count now
     */
    public int connections() {
        return tracker.size();
    }

    private void acceptLoop() {
        while (!stopping) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                // Typically EMFILE: retrying at once would spin while no descriptor is free.
                LOG.warn("{}: accept failed, retrying in {} ms: {}", name, ACCEPT_RETRY.toMillis(), e.toString());
                try {
                    Thread.sleep(ACCEPT_RETRY);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        StreamConnection connection;
        SocketChannel io;
        try {
            SocketOptionScope.apply(channel, SocketOptionScope.connection(settings.socketOptions()));
            io = upgrade.wrap(channel);
            connection = new StreamConnection(io, settings.limit());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not set up an accepted connection: {}", name, e.toString());
            closeQuietly(channel);
            return;
        }
        Entry[] self = new Entry[1];
        Thread thread = connectionThreads.unstarted(() -> serve(self[0]));
        Entry entry = new Entry(connection, io, thread);
        self[0] = entry;
        if (!tracker.tryAdd(entry)) {
            counters.refused();
            log.refused(connection.remoteAddress());
            connection.abort();
            return;
        }
        counters.accepted();
        log.admitted();
        thread.start();
    }

    private void serve(Entry entry) {
        StreamConnection connection = entry.connection();
        try {
            upgrade.prepare(entry.channel());
        } catch (IOException | RuntimeException e) {
            // The only upgrade that can fail is TLS's handshake (ChannelUpgrade.NONE does nothing); one the stop
            // cut off is not the client's failure.
            if (!connection.isAborted()) {
                counters.tlsHandshakeFailure();
            }
            LOG.info("{}: connection from {} dropped before its handler ran: {}", name, connection.remoteAddress(),
                    e.toString());
            connection.abort();
            tracker.remove(entry);
            return;
        }
        try {
            handler.handle(connection);
        } catch (Throwable e) {
            if (!connection.isAborted() && connection.isSocketError(e)) {
                counters.peerReset();
                log.droppedByPeer(connection.remoteAddress(), e);
            } else {
                if (!connection.isAborted()) {
                    counters.handlerFailure();
                }
                log.handlerFailed(connection.remoteAddress(), connection.isAborted(), e);
            }
        } finally {
            connection.close();
            tracker.remove(entry);
        }
    }

    /**
     * Stops: closes the listener (the port is free when this returns), lets open connections finish for the
     * grace period, then closes the rest, interrupts their handlers and waits until every handler thread ended.
     *
     * @throws InterruptedException if interrupted while waiting; the stuck handlers are logged with their stacks
     */
    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        acceptor.join();
        List<Entry> open = tracker.snapshot();
        if (!tracker.awaitEmpty(settings.gracePeriod())) {
            List<Entry> late = tracker.snapshot();
            LOG.info("{}: closing {} connection(s) still open after the grace period of {}",
                    name, late.size(), settings.gracePeriod());
            for (Entry entry : late) {
                entry.connection().abort();
                entry.thread().interrupt();
            }
        }
        try {
            for (Entry entry : open) {
                entry.thread().join();
            }
        } catch (InterruptedException e) {
            log.stuck(tracker.snapshot().stream().map(Entry::thread).toList());
            throw e;
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing fails only for an already broken socket; it is closed either way.
        }
    }
}
