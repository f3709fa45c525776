package io.aiomisc.pool;

/**
 * Tells whether an idle pooled instance may be handed out again (aiomisc's {@code _check_instance}).
 *
 * @param <T> the instance type
 */
@FunctionalInterface
public interface InstanceCheck<T> {

    /**
     * Checks an instance taken from the idle set, on the acquiring thread, before it is handed out.
     *
     * @param instance the instance
     * @return true to hand it out; false to dispose of it and try another
     * @throws Exception treated like false: the instance is disposed of and never handed out, and the exception
     *                   is logged
     */
    boolean isUsable(T instance) throws Exception;
}
