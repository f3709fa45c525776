package io.aiomisc.aggregate;

/**
 * The failure of a call whose {@link BatchItem} the {@link ItemBatchFunction} left unanswered (aiomisc's
 * {@code ResultNotSetError}).
 */
public final class ResultNotSetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ResultNotSetException(String message) {
        super(message);
    }
}
