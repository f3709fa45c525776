package io.aiomisc.log;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** An in-memory log target whose content tests read back, and the polling they wait with. */
final class Capture {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, false, StandardCharsets.UTF_8);

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
        return splitLines(text());
    }

    /** The lines of the records of one logger (the loggers of other tests stay out of the way). */
    List<String> linesOf(String loggerName) {
        return lines().stream().filter(line -> line.contains(" " + loggerName + " - ")).toList();
    }

    static List<String> splitLines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    static List<String> fileLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the condition holds; fails with {@code what} after {@link #PATIENCE}. */
    static <T> T await(Supplier<T> value, Predicate<T> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T current = value.get();
            if (condition.test(current)) {
                return current;
            }
            if (System.nanoTime() - deadline > 0) {
                fail(what + " within " + PATIENCE + "; last seen: " + current);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    static long countThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && thread.isAlive())
                .count();
    }
}
