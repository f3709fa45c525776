package io.aiomisc.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One example run in a child JVM on the module path, as {@code scripts/example.sh} runs it: the exit code and the
 * lines of stdout and stderr, read after the child has exited by itself.
 */
record ExampleRun(int exitCode, List<String> out, List<String> err) {
    private static final long WAIT_SECONDS = 60;

    static ExampleRun of(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        // A short-lived child: the quickest JIT tier and GC to start, on a machine with two shared cores.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.add("--module-path");
        command.add(modulePath());
        command.add("--module");
        command.add("io.aiomisc.examples/io.aiomisc.examples.Examples");
        command.addAll(List.of(args));

        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("AIOMISC_"));
        Process process = builder.start();
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("example " + String.join(" ", args) + " did not end by itself within "
                        + WAIT_SECONDS + " s; stdout: " + Files.readString(out) + "\nstderr: " + Files.readString(err));
            }
        } finally {
            process.destroyForcibly();
        }
        return new ExampleRun(process.exitValue(),
                Files.readAllLines(out, StandardCharsets.UTF_8), Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    /** The test JVM's module path: the examples' classes and the modules they require, nothing of the tests. */
    private static String modulePath() {
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null || modulePath.isBlank()) {
            throw new IllegalStateException("the tests must run on the module path (surefire's default)");
        }
        return modulePath;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    /** The stderr lines whose log message is {@code message}. */
    List<String> logged(String message) {
        return err.stream().filter(line -> line.endsWith(" - " + message)).toList();
    }

    String output() {
        return "\nexit code: " + exitCode + "\nstdout:\n" + String.join("\n", out)
                + "\nstderr:\n" + String.join("\n", err);
    }
}
