package io.aiomisc.aggregate;

import java.util.List;

/**
 * The low-level batch function of {@link Aggregator} (aiomisc's {@code @aggregate_async}): it receives each
 * call's argument together with the means to answer that call, and answers them one by one.
 *
 * @param <A> the argument type of one call
 * @param <R> the result type of one call
 */
@FunctionalInterface
public interface ItemBatchFunction<A, R> {

    /**
     * Answers a whole batch. Items still unanswered when this returns fail with {@link ResultNotSetException};
     * if it throws, the unanswered items fail with that exception and answered ones keep their answers.
     *
     * @param items the batch's calls, in arrival order; unmodifiable, never empty
     * @throws Exception to fail every item not answered yet
     */
    void apply(List<BatchItem<A, R>> items) throws Exception;
}
