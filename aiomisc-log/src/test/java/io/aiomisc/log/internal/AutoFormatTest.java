package io.aiomisc.log.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.aiomisc.log.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AutoFormatTest {

    @Test
    void aTerminalGetsColour() {
        assertAll(
                () -> assertEquals(LogFormat.COLOR, AutoFormat.choose("/dev/pts/3", null, "34:6")),
                () -> assertEquals(LogFormat.COLOR, AutoFormat.choose("/dev/tty1", null, null)),
                () -> assertEquals(LogFormat.COLOR, AutoFormat.choose("/dev/console", "1:2", "3:4")));
    }

    @Test
    void aPipeAFileOrNothingKnownGetsPlain() {
        assertAll(
                () -> assertEquals(LogFormat.PLAIN, AutoFormat.choose("pipe:[4242]", null, "14:4242")),
                () -> assertEquals(LogFormat.PLAIN, AutoFormat.choose("/var/log/app.log", null, "8:1")),
                () -> assertEquals(LogFormat.PLAIN, AutoFormat.choose("/dev/null", null, "5:6")),
                () -> assertEquals(LogFormat.PLAIN, AutoFormat.choose(null, null, null)));
    }

    @Test
    void theJournalStreamGetsJournaldWhenDeviceAndInodeMatch() {
        assertAll(
                () -> assertEquals(LogFormat.JOURNALD, AutoFormat.choose("socket:[81]", "9:81", "9:81")),
                () -> assertEquals(LogFormat.JOURNALD, AutoFormat.choose("socket:[81]", " 9:81\n", "9:81")),
                () -> assertEquals(LogFormat.PLAIN, AutoFormat.choose("socket:[81]", "9:80", "9:81"),
                        "another stream of the journal (stdout only, say) is not ours"),
                () -> assertEquals(LogFormat.PLAIN, AutoFormat.choose("socket:[81]", "garbage", "9:81")),
                () -> assertEquals(LogFormat.PLAIN, AutoFormat.choose("socket:[81]", "9:", "9:81")),
                () -> assertEquals(LogFormat.COLOR, AutoFormat.choose("/dev/pts/1", "9:80", "9:81"),
                        "a terminal with an inherited JOURNAL_STREAM is still a terminal"));
    }

    @Test
    void theProbeReadsStandardErrorInTheFormSystemdWrites() {
        Path stderr = Path.of("/proc/self/fd/2");
        String devIno = AutoFormat.deviceAndInode(stderr);
        assertNotNull(devIno, "stat of standard error works on Linux");
        String link = AutoFormat.linkTarget(stderr);
        assertNotNull(link, "/proc/self/fd/2 is a link");
        assertEquals(LogFormat.JOURNALD, AutoFormat.choose(link, devIno, devIno),
                "a JOURNAL_STREAM naming our own stderr is recognised: " + devIno);
    }

    @Test
    void anyStreamButTheStandardOnesIsPlain() {
        assertEquals(LogFormat.PLAIN, AutoFormat.detect(new PrintStream(new ByteArrayOutputStream())));
    }
}
