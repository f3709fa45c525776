package io.aiomisc.stats;

/**
 * Something that keeps counters and can be published as a JMX MBean by {@link Statistics}: {@code Retry},
 * {@code CircuitBreaker}, {@code Aggregator}, {@code ObjectPool} and the scheduled callbacks are, and so can a
 * user's own component be.
 *
 * <p>The MBean's type is the implementing class's simple name (for an anonymous class, its nearest named
 * superclass's); its attributes are the components of the record {@link #statistics()} returns (numbers and
 * booleans as they are, {@code Duration}s as seconds in a {@code double}, anything else as its
 * {@code toString()}). The record class must be public and in a package the module {@code io.aiomisc} can read.
 *
 * <p><b>Services.</b> A {@link io.aiomisc.Service} may implement {@code Measured} too, as the network servers
 * ({@code HttpServer}, {@code TcpServer}, {@code RawTcpServer}, {@code UdpServer}) do: {@code Service.name()}
 * has the same signature as {@link #name()} and implements it, so such a class declares only
 * {@link #statistics()}. Every entrypoint publishes such a service by itself, while it runs: besides its
 * {@code type=Service} MBean, a second one with the class's type ({@code type=HttpServer}) and the same unique
 * service name ({@code name()}, or {@code name()-2} for the second service of that name), withdrawn with the
 * {@code type=Service} one when the service is stopped at run time or the entrypoint stops. Its
 * {@link #statistics()} is then also read before the service's {@code start()} ran, so it must work on a service
 * that has not started (or has stopped) as well.
 */
public interface Measured {

    /**
     * Returns the name this object is published under.
     *
     * @return a non-blank name
     */
    String name();

    /**
     * Returns a snapshot of the counters. Called on every JMX read, from a JMX thread: must be thread-safe and
     * must not block.
     *
     * @return a record of the current values
     */
    Record statistics();
}
