package io.aiomisc.services.tcp.internal;

import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a TCP server engine needs to listen: the values of a server's public {@code Options}, already validated
 * there, plus the resolved address.
 *
 * @param address        where to bind (port 0: an unused port)
 * @param backlog        the listen backlog
 * @param maxConnections the most connections open at once; extras are accepted and closed at once
 * @param gracePeriod    how long the stop lets open connections finish before closing them
 * @param socketOptions  options for the listening socket and the accepted ones (see {@link SocketOptionScope})
 * @param limit          the stream connections' limit for lines, separators and the output buffer, in bytes
 */
public record ServerSettings(InetSocketAddress address, int backlog, int maxConnections, Duration gracePeriod,
                             Map<SocketOption<?>, Object> socketOptions, int limit) {
    /** Copies the options map; the values were validated by the public options record. */
    public ServerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        socketOptions = Map.copyOf(socketOptions);
    }
}
