package io.aiomisc.services.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of URI paths (RFC 3986): {@code %XX} escapes become bytes read as UTF-8; {@code '+'} stays
 * {@code '+'}, since only form-encoded queries mean a space by it. Stateless; thread-safe.
 */
final class PathDecoding {
    private PathDecoding() {
    }

    /**
     * Checks that every {@code '%'} starts a two-hex-digit escape.
     *
     * @param raw the raw path
     * @return whether the path decodes
     */
    static boolean isWellFormed(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 3)) {
            if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a path or a path segment; bytes that are not UTF-8 become U+FFFD.
     *
     * @param raw the raw text
     * @return the decoded text ({@code raw} itself when it has no escape)
     * @throws MalformedEscapeException if an escape is malformed
     */
    static String decode(String raw) {
        int first = raw.indexOf('%');
        if (first < 0) {
            return raw;
        }
        if (!isWellFormed(raw)) {
            throw new MalformedEscapeException("malformed percent escape in \"" + raw + "\"", null);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        byte[] plain = raw.getBytes(StandardCharsets.UTF_8);
        // A path may hold raw non-ASCII chars next to escapes: walk its UTF-8 bytes, so both end up as bytes.
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] == '%') {
                bytes.write(hex((char) plain[i + 1]) << 4 | hex((char) plain[i + 2]));
                i += 2;
            } else {
                bytes.write(plain[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
