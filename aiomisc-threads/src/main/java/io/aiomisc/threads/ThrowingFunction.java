package io.aiomisc.threads;

/**
 * A function that may throw any exception: the blocking function that
 * {@link Threaded#threaded(ThrowingFunction)} turns into an asynchronous one.
 *
 * <p>Implementations decide their own thread-safety; a decorated function may be applied from
 * several pool threads at once.
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingFunction<A, R> {

    /**
     * Applies the function.
     *
     * @param a the argument, passed through unchanged (may be {@code null} if the function allows it)
     * @return the result (may be {@code null})
     * @throws Exception whatever the function throws; the caller that applied it passes it on
     */
    R apply(A a) throws Exception;
}
