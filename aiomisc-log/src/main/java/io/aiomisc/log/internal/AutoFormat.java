package io.aiomisc.log.internal;

import io.aiomisc.log.LogFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@link LogFormat#AUTO}. The decision is {@link #choose}, a pure function; {@link #detect} only
 * gathers its inputs from {@code /proc} and the environment.
 */
public final class AutoFormat {

    private AutoFormat() {
    }

    /**
     * The format for output to {@code target}: the standard streams are examined through their file descriptor,
     * any other stream gets {@link LogFormat#PLAIN}.
     */
    public static LogFormat detect(PrintStream target) {
        int fd = target == System.err ? 2 : target == System.out ? 1 : -1;
        if (fd < 0) {
            return LogFormat.PLAIN;
        }
        Path descriptor = Path.of("/proc/self/fd/" + fd);
        return choose(linkTarget(descriptor), System.getenv("JOURNAL_STREAM"), deviceAndInode(descriptor));
    }

    /**
     * Decides the format.
     *
     * @param streamLink    where {@code /proc/self/fd/N} points ({@code /dev/pts/3}, {@code pipe:[123]}), or null
     * @param journalStream the {@code JOURNAL_STREAM} variable ({@code "dev:inode"}), or null
     * @param streamDevIno  the stream's {@code "dev:inode"}, or null
     * @return {@code JOURNALD} if the stream is the journal's, {@code COLOR} if it is a terminal, else
     *         {@code PLAIN}
     */
    public static LogFormat choose(String streamLink, String journalStream, String streamDevIno) {
        if (journalStream != null && streamDevIno != null && sameDeviceAndInode(journalStream, streamDevIno)) {
            return LogFormat.JOURNALD;
        }
        if (streamLink != null && (streamLink.startsWith("/dev/pts/") || streamLink.startsWith("/dev/tty")
                || streamLink.equals("/dev/console"))) {
            return LogFormat.COLOR;
        }
        return LogFormat.PLAIN;
    }

    private static boolean sameDeviceAndInode(String a, String b) {
        long[] left = parseDeviceAndInode(a);
        long[] right = parseDeviceAndInode(b);
        return left != null && right != null && left[0] == right[0] && left[1] == right[1];
    }

    private static long[] parseDeviceAndInode(String text) {
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            return null;
        }
        try {
            return new long[] {
                Long.parseUnsignedLong(trimmed.substring(0, colon)),
                Long.parseUnsignedLong(trimmed.substring(colon + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Where a {@code /proc/self/fd} entry points, or null where there is no such thing. */
    public static String linkTarget(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** The {@code "dev:inode"} of what a descriptor refers to, in the form systemd writes, or null. */
    public static String deviceAndInode(Path descriptor) {
        try {
            Object device = Files.getAttribute(descriptor, "unix:dev");
            Object inode = Files.getAttribute(descriptor, "unix:ino");
            return Long.toUnsignedString((Long) device) + ":" + Long.toUnsignedString((Long) inode);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException
                 | SecurityException e) {
            return null;
        }
    }
}
