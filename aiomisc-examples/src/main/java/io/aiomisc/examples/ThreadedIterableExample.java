package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.threads.Sink;
import io.aiomisc.threads.Threaded;
import io.aiomisc.threads.ThreadedIterator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HexFormat;

/**
 * Tutorial 1.5.3, {@code @aiomisc.threaded_iterable(max_size=8)}: {@link Threaded#iterable} runs a generator in a
 * pool thread and hands its items over through a buffer of at most eight. Breaking out of the loop closes the
 * iterator (try-with-resources), which stops the generator at its next {@code emit}. {@code scripts/example.sh
 * threaded-iterable} prints 17 chunks of 8 random bytes in hex.
 */
public final class ThreadedIterableExample {
    private ThreadedIterableExample() {
    }

    private static void urandomReader(Sink<byte[]> sink) throws IOException, InterruptedException {
        try (InputStream fp = Files.newInputStream(Urandom.PATH)) {
            while (true) {
                sink.emit(fp.readNBytes(8));    // yield; throws CancellationException once the consumer closed
            }
        }
    }

    /**
     * Reads 17 chunks from the generator and stops it.
     *
     * @param args ignored
     * @throws Exception if the generator or the entrypoint fails
     */
    public static void main(String[] args) throws Exception {
        Entrypoint.run(() -> {
            int counter = 0;
            try (ThreadedIterator<byte[]> chunks = Threaded.iterable(ThreadedIterableExample::urandomReader, 8)) {
                for (byte[] chunk : chunks) {
                    System.out.println(HexFormat.of().formatHex(chunk));
                    counter++;
                    if (counter > 16) {
                        break;
                    }
                }
            }
            return counter;
        });
    }
}
