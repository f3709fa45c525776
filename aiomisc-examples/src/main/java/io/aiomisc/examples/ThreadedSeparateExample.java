package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.threads.Threaded;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tutorial 1.5.2, {@code @aiomisc.threaded_separate}: {@link Threaded#separate} runs long blocking work on a new
 * thread of its own instead of holding a pool thread. The miner hashes {@code /dev/urandom} until the SHA-256 hex
 * digest starts with {@code 0000} (about 65,000 rounds on average). Unlike the tutorial's, it gives up after
 * {@value #MAX_ROUNDS} rounds and ends early when its thread is interrupted, so the program always ends quickly.
 * {@code scripts/example.sh threaded-separate}.
 */
public final class ThreadedSeparateExample {
    /** The prefix the digest must have. */
    static final String PREFIX = "0000";
    /** The bound on the miner's work: the chance to reach it is below one in a thousand. */
    static final int MAX_ROUNDS = 500_000;

    private ThreadedSeparateExample() {
    }

    static Optional<String> anotherOneUselessCoinMiner(String prefix, int maxRounds)
            throws IOException, NoSuchAlgorithmException, InterruptedException {
        try (InputStream f = new BufferedInputStream(Files.newInputStream(Urandom.PATH), 64 * 1024)) {
            MessageDigest hasher = MessageDigest.getInstance("SHA-256");
            for (int round = 0; round < maxRounds; round++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("the miner was cancelled after " + round + " rounds");
                }
                hasher.update(f.readNBytes(1024));
                // Python's hexdigest() does not reset the hasher: digest a copy, keep feeding the original.
                String hex = HexFormat.of().formatHex(cloneOf(hasher).digest());
                if (hex.startsWith(prefix)) {
                    return Optional.of(hex);
                }
            }
            return Optional.empty();
        }
    }

    private static MessageDigest cloneOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of this JDK cannot be copied", e);
        }
    }

    /**
     * Mines on a separate thread while the main body waits for the result.
     *
     * @param args ignored
     * @throws Exception if mining or the entrypoint fails
     */
    public static void main(String[] args) throws Exception {
        Entrypoint.run(() -> {
            Optional<String> hash = Threaded.separate(() -> anotherOneUselessCoinMiner(PREFIX, MAX_ROUNDS)).get();
            System.out.println(hash
                    .map(found -> "the hash is " + found)
                    .orElse("no hash starting with " + PREFIX + " in " + MAX_ROUNDS + " rounds"));
            return null;
        });
    }
}
