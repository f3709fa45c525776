package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.threads.Threaded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Tutorial 1.5.1, {@code @aiomisc.threaded}: {@link Threaded#threaded} turns a blocking function into one that runs
 * on the entrypoint's thread pool and returns a {@link CompletableFuture}. {@code scripts/example.sh threaded}
 * prints how many bytes were read, on which thread, and the first eight of them.
 */
public final class ThreadedExample {
    /** {@code blocking_io} decorated: each call reads in a pool thread. */
    static final Function<Path, CompletableFuture<byte[]>> BLOCKING_IO = Threaded.threaded(ThreadedExample::blockingIo);

    private ThreadedExample() {
    }

    private static byte[] blockingIo(Path path) throws IOException {
        // File operations (such as logging) would block a thread the program needs for something else.
        System.out.println("reading in " + Thread.currentThread().getName());
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(100);
        }
    }

    /**
     * Calls the decorated function from the main body and waits for its result.
     *
     * @param args ignored
     * @throws Exception if the read or the entrypoint fails
     */
    public static void main(String[] args) throws Exception {
        byte[] result = Entrypoint.run(() -> BLOCKING_IO.apply(Urandom.PATH).get());
        System.out.println("read " + result.length + " bytes: " + HexFormat.of().formatHex(result, 0, 8) + "...");
    }
}
