package io.aiomisc.log;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

@Timeout(60)
class FormatsTest {

    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}";
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private final Capture capture = new Capture();
    private LogHandle handle;

    @AfterEach
    void closeHandle() {
        if (handle != null) {
            handle.close();
        }
    }

    private LogHandle configure(LogFormat format) {
        handle = Logs.configure(LogConfig.builder().format(format).level(Level.TRACE).target(capture.stream).build());
        return handle;
    }

    @Test
    void plainShowsTimeLevelThreadLoggerMessageAndTheStackTrace() {
        configure(LogFormat.PLAIN);
        Logger log = LoggerFactory.getLogger("formats.plain");
        log.info("hello {}", "world");
        log.error("it failed", new IllegalStateException("boom"));
        handle.flush();

        List<String> lines = capture.lines();
        String thread = Pattern.quote(Thread.currentThread().getName());
        assertTrue(lines.get(0).matches(TIME + " INFO  \\[" + thread + "] formats\\.plain - hello world"),
                "first line is a readable INFO record: " + lines);
        assertTrue(lines.get(1).matches(TIME + " ERROR \\[" + thread + "] formats\\.plain - it failed"),
                "second line is the ERROR record: " + lines);
        assertEquals("java.lang.IllegalStateException: boom", lines.get(2), "the exception follows the record");
        assertTrue(lines.get(3).startsWith("\tat ") && lines.get(3).contains("io.aiomisc.log.FormatsTest."),
                "then its stack trace: " + lines.get(3));
        assertFalse(ANSI.matcher(capture.text()).find(), "PLAIN has no colour codes");
    }

    @Test
    void colorIsPlainWithTheLevelColouredAndLoudMessagesBold() {
        configure(LogFormat.COLOR);
        Logger log = LoggerFactory.getLogger("formats.color");
        log.debug("quiet");
        log.info("normal");
        log.warn("careful");
        log.error("broken", new IllegalStateException("boom"));
        handle.flush();

        String text = capture.text();
        assertAll(
                () -> assertTrue(text.contains("\u001b[36mDEBUG\u001b[0m"), "DEBUG is cyan: " + text),
                () -> assertTrue(text.contains("\u001b[32mINFO \u001b[0m"), "INFO is green: " + text),
                () -> assertTrue(text.contains("\u001b[33mWARN \u001b[0m"), "WARN is yellow: " + text),
                () -> assertTrue(text.contains("\u001b[1;31mERROR\u001b[0m"), "ERROR is bold red: " + text),
                () -> assertTrue(text.contains("\u001b[1mcareful\u001b[0m"), "a warning's message is bold"),
                () -> assertFalse(text.contains("\u001b[1mnormal"), "an info message is not bold"));
        List<String> stripped = Capture.splitLines(ANSI.matcher(text).replaceAll(""));
        String thread = Pattern.quote(Thread.currentThread().getName());
        assertTrue(stripped.get(1).matches(TIME + " INFO  \\[" + thread + "] formats\\.color - normal"),
                "without the colours it reads like PLAIN: " + stripped);
        assertTrue(stripped.contains("java.lang.IllegalStateException: boom"), "the exception is shown");
    }

    @Test
    void jsonWritesOneValidObjectPerLineWithEveryField() throws Exception {
        configure(LogFormat.JSON);
        Logger log = LoggerFactory.getLogger("formats.json");
        String tricky = "quote \" backslash \\ newline \n tab \t cr \r ctrl \u0001\u001f del \u007f"
                + " non-ASCII żółw ü 日本 \uD83D\uDC22 separators \u2028\u2029 lone \uD800 end";
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MDC.put("request-id", "r\"1");
        try {
            log.info(tricky);
        } finally {
            MDC.remove("request-id");
        }
        log.error("failed", new IllegalArgumentException("bad \"input\""));
        handle.flush();
        Instant after = Instant.now();

        List<String> lines = capture.lines();
        assertEquals(2, lines.size(), "one line per record, even with newlines in the message: " + lines);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines.get(0));
        JsonNode second = mapper.readTree(lines.get(1));

        assertEquals(tricky, first.get("message").asText(), "the message survives escaping exactly");
        assertEquals("INFO", first.get("level").asText());
        assertEquals("formats.json", first.get("logger").asText());
        assertEquals(Thread.currentThread().getName(), first.get("thread").asText());
        assertEquals("r\"1", first.get("mdc").get("request-id").asText(), "the MDC is written");
        assertFalse(first.has("exception"), "no exception field without an exception");
        Instant time = OffsetDateTime.parse(first.get("timestamp").asText()).toInstant();
        assertFalse(time.isBefore(before) || time.isAfter(after),
                "the ISO-8601 timestamp is the logging time: " + time + " not in [" + before + ", " + after + "]");

        JsonNode exception = second.get("exception");
        assertNotNull(exception, "the exception is written: " + lines.get(1));
        assertEquals("ERROR", second.get("level").asText());
        assertFalse(second.has("mdc"), "an empty MDC is left out");
        assertEquals("java.lang.IllegalArgumentException", exception.get("class").asText());
        assertEquals("bad \"input\"", exception.get("message").asText());
        String trace = exception.get("stackTrace").asText();
        assertTrue(trace.startsWith("java.lang.IllegalArgumentException: bad \"input\"\n\tat ")
                && trace.contains("io.aiomisc.log.FormatsTest."), "the stack trace is written: " + trace.lines().limit(3).toList());
        assertTrue(capture.text().contains("żółw"), "non-ASCII is kept as UTF-8, not escaped");
    }

    @Test
    void journaldPrefixesEveryLineWithTheRecordsPriority() {
        configure(LogFormat.JOURNALD);
        Logger log = LoggerFactory.getLogger("formats.journald");
        log.trace("t");
        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e", new IllegalStateException("boom"));
        log.info("two\nlines");
        handle.flush();

        List<String> lines = capture.lines();
        String thread = Thread.currentThread().getName();
        assertAll(
                () -> assertEquals("<7>TRACE [" + thread + "] formats.journald - t", lines.get(0)),
                () -> assertEquals("<7>DEBUG [" + thread + "] formats.journald - d", lines.get(1)),
                () -> assertEquals("<6>INFO  [" + thread + "] formats.journald - i", lines.get(2)),
                () -> assertEquals("<4>WARN  [" + thread + "] formats.journald - w", lines.get(3)),
                () -> assertEquals("<3>ERROR [" + thread + "] formats.journald - e", lines.get(4)),
                () -> assertEquals("<3>java.lang.IllegalStateException: boom", lines.get(5)));
        List<String> trace = new ArrayList<>(lines.subList(6, lines.size() - 2));
        assertFalse(trace.isEmpty(), "the stack trace is written");
        assertTrue(trace.stream().allMatch(line -> line.startsWith("<3>")),
                "every stack-trace line carries the error priority: " + trace);
        assertEquals("<6>INFO  [" + thread + "] formats.journald - two", lines.get(lines.size() - 2));
        assertEquals("<6>lines", lines.get(lines.size() - 1), "a continuation line keeps the priority");
    }

    @Test
    void journaldGivesAPrefixToWhatTheJournalWouldSplitOffANulAndTheTailOfAVeryLongLine() {
        configure(LogFormat.JOURNALD);
        Logger log = LoggerFactory.getLogger("formats.journald");
        log.error("before\u0000after");
        log.warn("x".repeat(40_000));
        handle.flush();

        List<String> lines = capture.lines();
        String thread = Thread.currentThread().getName();
        assertEquals("<3>ERROR [" + thread + "] formats.journald - before", lines.get(0),
                "journald ends a line at NUL: the record's first piece ends there");
        assertEquals("<3>after", lines.get(1), "the piece after a NUL keeps the error priority");
        List<String> longRecord = lines.subList(2, lines.size());
        assertTrue(longRecord.size() >= 3, "a 40,000-character line is cut into pieces: " + longRecord.size());
        assertTrue(longRecord.stream().allMatch(line -> line.startsWith("<4>")
                        && line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 48 * 1024),
                "every piece of a long line carries the warning priority and fits journald's LineMax");
        assertEquals(40_000, String.join("", longRecord).replace("<4>", "").replaceFirst("^WARN  \\[[^]]*] "
                + "formats.journald - ", "").length(), "no character is lost in the cutting");
    }

    @Test
    @Timeout(30)
    void syslogSendsRfc3164DatagramsToTheConfiguredHostAndPort() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(20_000);
            handle = Logs.configure(LogConfig.builder().level("debug")
                    .syslog(InetAddress.getLoopbackAddress().getHostAddress(), receiver.getLocalPort()).build());
            Logger log = LoggerFactory.getLogger("formats.syslog");
            log.info("hello syslog");
            log.error("bad news");
            handle.flush();

            String thread = Pattern.quote(Thread.currentThread().getName());
            String header = "[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\[" + thread + "] formats\\.syslog - ";
            String first = receive(receiver);
            assertTrue(first.matches("<14>" + header + "hello syslog"),
                    "facility USER (1) and severity info (6) give priority 14: " + first);
            String second = receive(receiver);
            assertTrue(second.matches("<11>" + header + "bad news"), "severity error (3) gives 11: " + second);
        }
    }

    private static String receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void autoIsPlainForAStreamThatIsNotStandardErrorOrAFile(@TempDir Path dir) {
        configure(LogFormat.AUTO);
        LoggerFactory.getLogger("formats.auto").info("no colour here");
        handle.flush();
        String line = capture.linesOf("formats.auto").get(0);
        assertTrue(line.matches(TIME + " INFO  \\[.*] formats\\.auto - no colour here"), "AUTO gave PLAIN: " + line);

        Path file = dir.resolve("auto.log");
        handle = Logs.configure(LogConfig.builder().file(file).build());
        LoggerFactory.getLogger("formats.auto").info("in a file");
        handle.flush();
        String fileLine = Capture.fileLines(file).get(0);
        assertTrue(fileLine.matches(TIME + " INFO  \\[.*] formats\\.auto - in a file"), "AUTO gave PLAIN: " + fileLine);
    }
}
