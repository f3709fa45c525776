package io.aiomisc.pool;

/**
 * Releases what a pooled instance holds when the pool retires it (aiomisc's {@code _destroy_instance}).
 *
 * @param <T> the instance type
 */
@FunctionalInterface
public interface InstanceDisposer<T> {

    /**
     * Disposes of an instance the pool no longer keeps.
     *
     * @param instance the instance
     * @throws Exception logged by the pool, never passed to the thread that triggered the disposal
     */
    void dispose(T instance) throws Exception;
}
