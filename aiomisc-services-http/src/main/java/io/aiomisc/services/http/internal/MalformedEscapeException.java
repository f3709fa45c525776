package io.aiomisc.services.http.internal;

/**
 * A request's path or query holds a malformed percent escape ({@code %zz}, a lone {@code %}); the server answers
 * 400 and counts a protocol error rather than a handler failure. An {@link IllegalArgumentException}, as the
 * decoding failures of Netty's {@code QueryStringDecoder} were, so code that caught those still catches it.
 */
final class MalformedEscapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedEscapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
