package io.aiomisc.services.tcp;

/**
 * The Netty transport of an entrypoint's shared event-loop group, chosen with {@code NettyLoop.TRANSPORT}.
 *
 * <p>The native transports need Linux and the native libraries shipped in Netty's {@code linux-x86_64} jars;
 * when they cannot be loaded, {@link #AUTO} falls back to {@link #NIO}, while an explicit {@link #EPOLL} or
 * {@link #IO_URING} fails the start of the first Netty service with the reason Netty gives.
 */
public enum Transport {
    /** Native epoll when it loads, else NIO. The default. */
    AUTO,
    /** Linux native epoll. */
    EPOLL,
    /** Linux io_uring (kernel 5.14 or newer). */
    IO_URING,
    /** The JDK's NIO selector: works everywhere. */
    NIO
}
