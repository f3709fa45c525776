package io.aiomisc.aggregate;

import java.util.List;

/**
 * The batch form of a single-argument function, as {@link Aggregator} calls it (aiomisc's {@code @aggregate}
 * function, which takes {@code *args} and returns a sequence).
 *
 * @param <A> the argument type of one call
 * @param <R> the result type of one call
 */
@FunctionalInterface
public interface BatchFunction<A, R> {

    /**
     * Computes the results of a whole batch at once.
     *
     * @param arguments the arguments of the batch's calls, in arrival order; unmodifiable, never empty
     * @return one result per argument, in the same order; a list of another size fails every caller of the batch
     * @throws Exception to fail every caller of the batch with it
     */
    List<R> apply(List<A> arguments) throws Exception;
}
