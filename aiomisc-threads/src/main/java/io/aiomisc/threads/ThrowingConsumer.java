package io.aiomisc.threads;

/**
 * A consumer that may throw any exception.
 *
 * <p>Implementations decide their own thread-safety; the library never calls one consumer from
 * two threads at once unless the API using it says so.
 *
 * @param <T> the type of the accepted value
 */
@FunctionalInterface
public interface ThrowingConsumer<T> {

    /**
     * Accepts a value.
     *
     * @param t the value (may be {@code null} if the consumer allows it)
     * @throws Exception whatever the consumer throws; the caller that invoked it passes it on
     */
    void accept(T t) throws Exception;
}
