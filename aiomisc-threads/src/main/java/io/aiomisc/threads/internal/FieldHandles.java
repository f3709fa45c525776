package io.aiomisc.threads.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Finds the {@link VarHandle}s of the module's lock-free fields, for {@code static final} initialisers (where
 * the JIT treats the handle as a constant, so this costs nothing after class initialisation). The JDK factors
 * the same lookup into its internal {@code MhUtil.findVarHandle}.
 *
 * <p>Public only so that the exported package can use it; the package is not exported.
 */
public final class FieldHandles {

    private FieldHandles() {
    }

    /**
     * Finds a field's handle.
     *
     * @param lookup a lookup with access to the field: the caller's {@code MethodHandles.lookup()}
     * @param holder the class that declares the field
     * @param field  the field's name
     * @param type   the field's type
     * @return the handle
     * @throws ExceptionInInitializerError if there is no such field: a mistake in our code, found the first
     *                                     time the class is used
     */
    public static VarHandle find(MethodHandles.Lookup lookup, Class<?> holder, String field, Class<?> type) {
        try {
            return lookup.findVarHandle(holder, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
