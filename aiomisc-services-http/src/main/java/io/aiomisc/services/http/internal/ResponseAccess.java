package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpResponse;

import java.io.InputStream;
import java.util.List;

/**
 * Reads a response's fields without the copies the public accessors make: the response's class installs the
 * accessor when it is initialised, which happens before any response reaches the server.
 */
public final class ResponseAccess {
    /** The view into {@link HttpResponse} that it installs. */
    public interface Accessor {
        /**
         * Returns the body bytes, not copied.
         *
         * @param response the response
         * @return the bytes, or null for a stream body
         */
        byte[] bytes(HttpResponse response);

        /**
         * Returns the body stream.
         *
         * @param response the response
         * @return the stream, or null for a byte body
         */
        InputStream stream(HttpResponse response);

        /**
         * Returns the headers other than {@code Content-Type}.
         *
         * @param response the response
         * @return name, value, name, value...
         */
        List<String> headerPairs(HttpResponse response);
    }

    private static volatile Accessor accessor;

    private ResponseAccess() {
    }

    /**
     * Installs the accessor; called once by {@link HttpResponse}'s static initialiser.
     *
     * @param installed the accessor
     */
    public static void install(Accessor installed) {
        accessor = installed;
    }

    static byte[] bytes(HttpResponse response) {
        return accessor.bytes(response);
    }

    static InputStream stream(HttpResponse response) {
        return accessor.stream(response);
    }

    static List<String> headerPairs(HttpResponse response) {
        return accessor.headerPairs(response);
    }
}
