package io.aiomisc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo application as a user runs it: a child JVM on unused ports, served for real over loopback, then
 * stopped with SIGINT as Ctrl+C would.
 */
@Timeout(120)
class DemoApplicationTest {
    private static final Pattern READY = Pattern.compile(
            "demo: http on ([0-9.]+):(\\d+), tcp echo on ([0-9.]+):(\\d+); press Ctrl\\+C to stop");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    @TempDir
    Path workDir;

    @Test
    void servesHttpAndTcpThenStopsGracefullyOnSigint() throws Exception {
        Path err = workDir.resolve("stderr.txt");
        Process process = start(err);
        try {
            BlockingQueue<String> out = linesOf(process.getInputStream());
            Matcher ready = awaitLine(out, READY, process, err);
            String httpBase = "http://" + ready.group(1) + ":" + ready.group(2);

            assertEquals("Hello from aiomisc for Java!\n", get(httpBase + "/", 200));
            assertEquals("Hello, Ada!\n", get(httpBase + "/hello/Ada", 200));
            String status = get(httpBase + "/status", 200);
            assertTrue(status.startsWith("{\"entrypoint\":\"RUNNING\",\"services\":["), status);
            for (String service : List.of("EchoService", "http", "HeartbeatService", "CronService")) {
                assertTrue(status.contains("{\"name\":\"" + service + "\",\"state\":\"RUNNING\"}"),
                        "the status page must list " + service + " as RUNNING: " + status);
            }
            get(httpBase + "/health", 200);
            get(httpBase + "/ready", 200);
            assertEquals("ping\n", echo(ready.group(3), Integer.parseInt(ready.group(4)), "ping"));

            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            Matcher stopped = awaitLine(out, Pattern.compile("demo: stopped gracefully in (\\d+) ms"), process, err);
            assertNotNull(stopped.group(1));
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the demo did not exit after SIGINT");
            assertEquals(0, process.exitValue(), "a graceful SIGINT stop must exit with 0; stderr:\n" + stderr(err));
            List<String> log = stderr(err);
            assertTrue(log.stream().anyMatch(line -> line.contains("stopped in")),
                    "the entrypoint's last log line must reach the output: " + log);
            assertTrue(log.stream().noneMatch(line -> line.contains(" ERROR ")), "nothing may fail: " + log);
        } finally {
            process.destroyForcibly();
        }
    }

    private Process start(Path err) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Ddemo.http.port=0", "-Ddemo.tcp.port=0",
                "--module-path", System.getProperty("jdk.module.path"),
                "--module", "io.aiomisc.examples/io.aiomisc.examples.DemoApplication"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("AIOMISC_"));
        return builder.start();
    }

    private static BlockingQueue<String> linesOf(InputStream stream) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<stdout failed: " + e + ">");
            }
        });
        return lines;
    }

    private static Matcher awaitLine(BlockingQueue<String> lines, Pattern pattern, Process process, Path err)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
        throw new AssertionError("the demo never printed a line matching " + pattern + "; stdout: " + seen
                + "\nstderr:\n" + String.join("\n", stderr(err)));
    }

    private static String get(String url, int expectedStatus) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        try {
            assertEquals(expectedStatus, connection.getResponseCode(), "GET " + url);
            try (InputStream body = connection.getInputStream()) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }

    private static String echo(String host, int port, String text) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return in.readLine() + "\n";
        }
    }

    private static List<String> stderr(Path err) throws IOException {
        return Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .map(line -> ANSI.matcher(line).replaceAll(""))
                .toList();
    }
}
