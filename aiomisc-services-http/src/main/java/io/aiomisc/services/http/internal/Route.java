package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HandlerMode;
import io.aiomisc.services.http.HttpHandler;

import java.util.Objects;

/**
 * One route as given to the builder.
 *
 * @param method    the method in upper case
 * @param pattern   the path pattern, e.g. {@code /users/{id}}
 * @param mode      where the handler runs
 * @param handler   the handler
 * @param streaming whether the request body is streamed to the handler instead of read first
 */
public record Route(String method, String pattern, HandlerMode mode, HttpHandler handler, boolean streaming) {
    /** Checks for nulls; the builder validated the rest. */
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(handler, "handler");
    }
}
