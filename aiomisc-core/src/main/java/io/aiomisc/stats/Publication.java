package io.aiomisc.stats;

import javax.management.ObjectName;

/**
 * One MBean published by {@link Statistics}. It is unregistered when its entrypoint stops, or earlier by
 * {@link #close()}.
 */
public interface Publication extends AutoCloseable {

    /**
     * Returns the name the MBean is registered under:
     * {@code io.aiomisc:type=<Type>,entrypoint=<entrypoint id>,name=<name>}.
     *
     * @return the object name
     */
    ObjectName objectName();

    /**
     * Unregisters the MBean now. Idempotent; never throws.
     */
    @Override
    void close();
}
