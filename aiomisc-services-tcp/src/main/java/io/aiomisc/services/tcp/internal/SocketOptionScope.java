package io.aiomisc.services.tcp.internal;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which socket options of a server go to the listening socket and which to every accepted connection. Linux
 * lets accepted sockets inherit most options from the listener, but the JDK and Netty set them per socket, so
 * the split is explicit: address reuse belongs to the listener, the receive buffer to both (it must be set before
 * the handshake to size the window), everything else to the connections.
 */
public final class SocketOptionScope {
    private static final Set<SocketOption<?>> LISTENER_ONLY =
            Set.of(StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT);
    private static final Set<SocketOption<?>> BOTH = Set.of(StandardSocketOptions.SO_RCVBUF);

    private SocketOptionScope() {
    }

    /**
     * Returns the options that go to the listening socket.
     *
     * @param options all of the server's options
     * @return the listener's share, in the given order
     */
    public static Map<SocketOption<?>, Object> listener(Map<SocketOption<?>, Object> options) {
        Map<SocketOption<?>, Object> result = new LinkedHashMap<>();
        options.forEach((option, value) -> {
            if (LISTENER_ONLY.contains(option) || BOTH.contains(option)) {
                result.put(option, value);
            }
        });
        return result;
    }

    /**
     * Returns the options that go to every accepted connection.
     *
     * @param options all of the server's options
     * @return the connections' share, in the given order
     */
    public static Map<SocketOption<?>, Object> connection(Map<SocketOption<?>, Object> options) {
        Map<SocketOption<?>, Object> result = new LinkedHashMap<>();
        options.forEach((option, value) -> {
            if (!LISTENER_ONLY.contains(option)) {
                result.put(option, value);
            }
        });
        return result;
    }

    /**
     * Checks that a JDK channel of the kind given supports the options.
     *
     * @param channel a channel of the kind the options are for
     * @param options the options
     * @throws IllegalArgumentException if the channel does not support one of them
     */
    public static void check(NetworkChannel channel, Map<SocketOption<?>, Object> options) {
        for (SocketOption<?> option : options.keySet()) {
            if (!channel.supportedOptions().contains(option)) {
                throw new IllegalArgumentException("socket option " + option.name() + " is not supported by "
                        + channel.getClass().getSimpleName() + "; supported: " + channel.supportedOptions());
            }
        }
    }

    /**
     * Sets options on a JDK channel.
     *
     * @param channel the channel
     * @param options the options to set
     * @throws IllegalArgumentException if the channel does not support one of them
     * @throws IOException              if setting one failed
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void apply(NetworkChannel channel, Map<SocketOption<?>, Object> options) throws IOException {
        check(channel, options);
        for (Map.Entry<SocketOption<?>, Object> entry : options.entrySet()) {
            channel.setOption((SocketOption) entry.getKey(), entry.getValue());
        }
    }
}
