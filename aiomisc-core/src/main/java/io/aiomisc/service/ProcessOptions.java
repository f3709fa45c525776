package io.aiomisc.service;

import io.aiomisc.internal.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ProcessService} runs: the command, its name, environment, working directory and how long a
 * stop waits after SIGTERM before it kills. Immutable; each {@code with...} method returns a validated copy.
 *
 * <pre>{@code
 * ProcessOptions worker = ProcessOptions.of("python3", "worker.py")
 *         .withName("worker")
 *         .withEnvironment(Map.of("WORKERS", "4"))
 *         .withWorkingDirectory(Path.of("/srv/app"))
 *         .withKillTimeout(Duration.ofSeconds(10));
 * }</pre>
 *
 * @param name the name of the service and of the logger its output goes to; default: the file name of the
 *        command's first word ({@code "sleep"} for {@code /bin/sleep})
 * @param command the program and its arguments; not empty
 * @param environment variables added to (or replacing) the inherited environment; default none
 * @param workingDirectory the directory the process starts in; null means the JVM's working directory
 * @param killTimeout how long a stop waits after SIGTERM before it kills the process; positive; default
 *        {@link #DEFAULT_KILL_TIMEOUT}
 */
public record ProcessOptions(String name, List<String> command, Map<String, String> environment,
        Path workingDirectory, Duration killTimeout) {

    /** Three seconds, as aiomisc's {@code process_stop_timeout}. */
    public static final Duration DEFAULT_KILL_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Validates and copies the options.
     *
     * @throws NullPointerException if {@code name}, {@code command}, {@code environment}, {@code killTimeout}
     *         or an element is null
     * @throws IllegalArgumentException if {@code name} is blank, {@code command} is empty or
     *         {@code killTimeout} is not positive
     */
    public ProcessOptions {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Checks.positive(killTimeout, "killTimeout");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
    }

    /**
     * Returns options for {@code command} with every default.
     *
     * @param command the program and its arguments
     * @return the options
     * @throws NullPointerException if {@code command} or an element is null
     * @throws IllegalArgumentException if {@code command} is empty
     */
    public static ProcessOptions of(String... command) {
        return of(List.of(command));
    }

    /**
     * Returns options for {@code command} with every default.
     *
     * @param command the program and its arguments
     * @return the options
     * @throws NullPointerException if {@code command} or an element is null
     * @throws IllegalArgumentException if {@code command} is empty
     */
    public static ProcessOptions of(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        String program = Path.of(command.get(0)).getFileName().toString();
        return new ProcessOptions(program, command, Map.of(), null, DEFAULT_KILL_TIMEOUT);
    }

    /**
     * Returns a copy with another name.
     *
     * @param name the service and logger name; not blank
     * @return the new options
     */
    public ProcessOptions withName(String name) {
        return new ProcessOptions(name, command, environment, workingDirectory, killTimeout);
    }

    /**
     * Returns a copy with these variables added to the environment (later calls add more, replacing equal
     * names).
     *
     * @param variables names and values
     * @return the new options
     */
    public ProcessOptions withEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(variables);
        return new ProcessOptions(name, command, merged, workingDirectory, killTimeout);
    }

    /**
     * Returns a copy that starts the process in {@code directory}.
     *
     * @param directory the working directory
     * @return the new options
     * @throws NullPointerException if {@code directory} is null
     */
    public ProcessOptions withWorkingDirectory(Path directory) {
        return new ProcessOptions(name, command, environment, Objects.requireNonNull(directory, "directory"),
                killTimeout);
    }

    /**
     * Returns a copy with another kill timeout.
     *
     * @param timeout how long a stop waits after SIGTERM before it kills; positive
     * @return the new options
     */
    public ProcessOptions withKillTimeout(Duration timeout) {
        return new ProcessOptions(name, command, environment, workingDirectory, timeout);
    }

    /**
     * Returns the working directory, if one was set.
     *
     * @return the directory, or empty for the JVM's working directory
     */
    public Optional<Path> directory() {
        return Optional.ofNullable(workingDirectory);
    }
}
