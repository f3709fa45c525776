package io.aiomisc;

/**
 * The view of the entrypoint's dependencies that a dependency factory receives, so that a factory can use
 * other dependencies (aiomisc-dependency providers depending on each other by argument name).
 *
 * <p>Thread-safe. {@link #get} blocks while the dependency's factory runs in another thread.
 */
public interface Dependencies {

    /**
     * Returns the dependency registered under {@code key}, building it on first use.
     *
     * @param key the key it was registered under
     * @param <T> its type
     * @return the dependency, built at most once per entrypoint
     * @throws InterruptedException if this thread is interrupted while another thread builds it
     * @throws EntrypointException  if no factory is registered for {@code key}, the factory failed (now or
     *                              earlier: a failure is kept), the dependencies form a cycle (the message
     *                              names it), or the entrypoint has stopped
     */
    <T> T get(Key<T> key) throws InterruptedException;
}
