package io.aiomisc.stats;

/**
 * Something that keeps counters and can be published as a JMX MBean by {@link Statistics}: {@code Retry},
 * {@code CircuitBreaker}, {@code Aggregator} and {@code ObjectPool} are, and so can a user's own component be.
 *
 * <p>The MBean's type is the implementing class's simple name; its attributes are the components of the
 * record {@link #statistics()} returns (numbers and booleans as they are, {@code Duration}s as seconds in a
 * {@code double}, anything else as its {@code toString()}). The record class must be public and in a package
 * the module {@code io.aiomisc} can read.
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
