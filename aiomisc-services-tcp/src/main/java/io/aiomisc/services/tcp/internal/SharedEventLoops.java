package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Netty event-loop group per owner (an entrypoint), shared by every lease on it: created by the first
 * {@link #acquire}, shut down when the last lease is closed. The transport is resolved and logged once, when the
 * group is created.
 *
 * <p>The event-loop threads are all started by the acquiring thread, so they inherit its inheritable
 * thread-locals (the entrypoint binding), and so do the virtual threads the loops start for handlers.
 */
public final class SharedEventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(SharedEventLoops.class);
    /** In debug mode, a task that blocks an event loop for longer than this is reported. */
    public static final Duration DEBUG_STALL_THRESHOLD = Duration.ofMillis(100);
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;
    private static final AtomicInteger GROUP_IDS = new AtomicInteger();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Map<Object, Shared> GROUPS = new IdentityHashMap<>();

    private static final class Shared {
        private final NettyTransport transport;
        private final EventLoopGroup group;
        private final StallWatchdog watchdog;
        private int users;

        private Shared(NettyTransport transport, EventLoopGroup group, StallWatchdog watchdog) {
            this.transport = transport;
            this.group = group;
            this.watchdog = watchdog;
        }
    }

    private SharedEventLoops() {
    }

    /**
     * Returns a lease on the owner's group, creating the group if this is its first lease.
     *
     * @param owner     the entrypoint (compared by identity)
     * @param requested the transport to create a group with; ignored when the group exists
     * @param threads   the number of event loops for a new group, 0 for Netty's default (2 per core)
     * @return the lease; close it when done
     * @throws IllegalArgumentException if {@code threads < 0}
     * @throws IllegalStateException    if a native transport was requested and cannot be loaded
     */
    public static Lease acquire(Object owner, Transport requested, int threads) {
        return acquire(owner, requested, threads, false);
    }

    /**
     * Returns a lease on the owner's group, creating the group if this is its first lease; in debug mode a new
     * group gets Netty's paranoid leak detection and a {@link StallWatchdog} that warns about tasks blocking a
     * loop for more than {@link #DEBUG_STALL_THRESHOLD}.
     *
     * @param owner     the entrypoint (compared by identity)
     * @param requested the transport to create a group with; ignored when the group exists
     * @param threads   the number of event loops for a new group, 0 for Netty's default (2 per core)
     * @param debug     whether to add the debug-mode checks to a new group
     * @return the lease; close it when done
     * @throws IllegalArgumentException if {@code threads < 0}
     * @throws IllegalStateException    if a native transport was requested and cannot be loaded
     */
    public static Lease acquire(Object owner, Transport requested, int threads, boolean debug) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(requested, "requested");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0: Netty's default), was " + threads);
        }
        LOCK.lock();
        try {
            Shared shared = GROUPS.get(owner);
            if (shared == null) {
                shared = create(requested, threads, debug);
                GROUPS.put(owner, shared);
            }
            shared.users++;
            return new Lease(owner, shared);
        } finally {
            LOCK.unlock();
        }
    }

    private static Shared create(Transport requested, int threads, boolean debug) {
        NettyTransport transport = NettyTransport.resolve(requested);
        String pool = "aiomisc-netty-" + transport.transport().name().toLowerCase(java.util.Locale.ROOT)
                + "-" + GROUP_IDS.incrementAndGet();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(pool),
                transport.ioHandlerFactory().get());
        int loops = 0;
        for (EventExecutor executor : group) {
            // Starts the loop's thread here, so that it inherits this thread's inheritable thread-locals.
            executor.execute(() -> { });
            loops++;
        }
        LOG.info("Netty event loops: {} transport ({}), {} thread(s){}", transport.transport(), transport.reason(),
                loops, debug ? ", debug checks on" : "");
        StallWatchdog watchdog = null;
        if (debug) {
            // Process-wide in Netty; debug mode is for development, where that is what one wants.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            watchdog = new StallWatchdog(group, DEBUG_STALL_THRESHOLD, StallWatchdog::log);
        }
        return new Shared(transport, group, watchdog);
    }

    private static void release(Object owner, Shared shared) {
        LOCK.lock();
        try {
            if (--shared.users > 0) {
                return;
            }
            GROUPS.remove(owner, shared);
        } finally {
            LOCK.unlock();
        }
        if (shared.watchdog != null) {
            shared.watchdog.close();
        }
        shared.group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            if (!shared.group.awaitTermination(2 * SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Netty event loops of {} did not terminate within {} s", owner,
                        2 * SHUTDOWN_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            // The group goes on terminating by itself; the caller learns of the interrupt from the flag.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Tells whether the owner has a group now.
     *
     * @param owner the entrypoint
     * @return true between the first acquire and the last release
     */
    public static boolean hasGroup(Object owner) {
        LOCK.lock();
        try {
            return GROUPS.containsKey(owner);
        } finally {
            LOCK.unlock();
        }
    }

    /** One user's hold on a shared group; closing it is idempotent. */
    public static final class Lease implements AutoCloseable {
        private final Object owner;
        private final Shared shared;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Object owner, Shared shared) {
            this.owner = owner;
            this.shared = shared;
        }

        /**
         * Returns the shared group.
         *
         * @return the group; do not shut it down
         */
        public EventLoopGroup group() {
            return shared.group;
        }

        /**
         * Tells whether the group runs the debug-mode checks.
         *
         * @return true when the group was created in debug mode
         */
        public boolean debug() {
            return shared.watchdog != null;
        }

        /**
         * Returns the transport the group was created with.
         *
         * @return the concrete transport
         */
        public NettyTransport transport() {
            return shared.transport;
        }

        /**
         * Gives the lease back; the last one shuts the group down and waits until its threads ended. If the
         * wait is interrupted, returns at once with the interrupt flag set; the group terminates anyway.
         */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(owner, shared);
            }
        }
    }
}
