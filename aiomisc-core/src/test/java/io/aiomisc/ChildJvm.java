package io.aiomisc;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A JVM running {@link ChildMain} on the class path, with its output collected line by line. */
final class ChildJvm implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition newLine = lock.newCondition();
    private final CountDownLatch outClosed = new CountDownLatch(1);
    private final CountDownLatch errClosed = new CountDownLatch(1);

    private ChildJvm(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, outClosed);
        pump(process.getErrorStream(), err, errClosed);
    }

    static ChildJvm start(String scenario, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classPath());
        command.add(ChildMain.class.getName());
        command.add(scenario);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AIOMISC_"));
        builder.environment().putAll(env);
        return new ChildJvm(builder.start());
    }

    /** The test JVM's module path, class path and patched test classes, as one class path. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        if (Files.isDirectory(testClasses)) {
            entries.add(testClasses.toString());
        }
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith("jdk.module.patch")) {
                String patch = value.toString();
                entries.add(patch.substring(patch.indexOf('=') + 1));
            }
        });
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(entry);
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private void pump(InputStream stream, List<String> into, CountDownLatch closed) {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    into.add(line);
                    signalAll();
                }
            } catch (IOException ignored) {
                // the process died; what was read is kept
            } finally {
                closed.countDown();
                signalAll();
            }
        });
    }

    private void signalAll() {
        lock.lock();
        try {
            newLine.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void awaitReady() throws InterruptedException {
        awaitLine("READY");
    }

    /** Waits until the child printed {@code line} on stdout; fails if it exits or takes too long first. */
    void awaitLine(String line) throws InterruptedException {
        long remaining = TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        lock.lock();
        try {
            while (!out.contains(line)) {
                if (remaining <= 0 || outClosed.getCount() == 0) {
                    throw new AssertionError("the child never printed " + line + "; output: " + output());
                }
                remaining = newLine.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not exit; output: " + output());
        }
        outClosed.await(WAIT_SECONDS, TimeUnit.SECONDS);
        errClosed.await(WAIT_SECONDS, TimeUnit.SECONDS);
        return process.exitValue();
    }

    List<String> out() {
        return List.copyOf(out);
    }

    List<String> err() {
        return List.copyOf(err);
    }

    String output() {
        return "\nstdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
