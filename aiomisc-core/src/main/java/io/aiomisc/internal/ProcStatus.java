package io.aiomisc.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads which signals this process ignores, from {@code /proc/self/status} (Linux); elsewhere nothing is. */
final class ProcStatus {
    private static final Map<String, Integer> NUMBERS = Map.of("INT", 2, "TERM", 15);

    private ProcStatus() {
    }

    /**
     * Tells whether the process ignores a signal (the JVM then installs no handler for it).
     *
     * @param name the signal name without "SIG"
     * @return true if ignored; false when unknown
     */
    static boolean isIgnored(String name) {
        Integer number = NUMBERS.get(name);
        if (number == null) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return new BigInteger(line.substring("SigIgn:".length()).trim(), 16).testBit(number - 1);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return false;
        }
        return false;
    }
}
