package io.aiomisc.examples;

import java.nio.file.Path;

/** The tutorial reads {@code /dev/urandom} as its example of blocking I/O; so do its Java twins (Linux, macOS). */
final class Urandom {
    static final Path PATH = Path.of("/dev/urandom");

    private Urandom() {
    }
}
