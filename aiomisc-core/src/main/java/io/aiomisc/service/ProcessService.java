package io.aiomisc.service;

import io.aiomisc.Service;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that runs an external command for as long as it runs.
 *
 * <p>Start launches the process and returns. Every line the process writes goes to the log, stdout at INFO and
 * stderr at WARN, on the logger {@code io.aiomisc.service.ProcessService.<name>}. When the process exits, its
 * exit code is logged (WARN when it exited on its own with a code other than 0).
 *
 * <p>Stop sends SIGTERM ({@link ProcessHandle#destroy()}: unlike {@link Process#destroy()} it leaves the
 * output pipes open, so the lines the process writes while it shuts down are still logged), waits up to {@link ProcessOptions#killTimeout()} (3 s by
 * default, as aiomisc), then kills the process and the descendants it had (SIGKILL) and logs a warning. A
 * process that exits on its own leaves the service {@code RUNNING}, as in aiomisc;
 * {@link RespawningProcessService} starts it again.
 *
 * <p>This differs from aiomisc's {@code ProcessService}, which runs a Python function in a forked
 * interpreter: the JVM cannot fork, so the Java form runs a command.
 *
 * <p>Thread-safety: every public method may be called from any thread and never blocks.
 */
public class ProcessService extends Service {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessService.class);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);

    private final ProcessOptions options;
    private final Logger output;
    private final ReentrantLock lock = new ReentrantLock();
    private Process process; // guarded by lock
    private boolean stopping; // guarded by lock
    private volatile CompletableFuture<Integer> exit = new CompletableFuture<>();

    /**
     * Creates a service that runs {@code command} with default options.
     *
     * @param command the program and its arguments
     * @throws NullPointerException if {@code command} or an element is null
     * @throws IllegalArgumentException if {@code command} is empty
     */
    public ProcessService(String... command) {
        this(ProcessOptions.of(command));
    }

    /**
     * Creates a service with the given options.
     *
     * @param options the command, name, environment, working directory and kill timeout
     * @throws NullPointerException if {@code options} is null
     */
    public ProcessService(ProcessOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.output = LoggerFactory.getLogger(ProcessService.class.getName() + "." + options.name());
    }

    /**
     * Returns the name from the options.
     *
     * @return {@link ProcessOptions#name()}
     */
    @Override
    public String name() {
        return options.name();
    }

    /**
     * Returns the options this service was created with.
     *
     * @return the options
     */
    public final ProcessOptions options() {
        return options;
    }

    /**
     * Launches the process and returns once it runs.
     *
     * @throws IOException if the process cannot be started (no such program, no permission, bad directory)
     */
    @Override
    protected void start() throws IOException {
        lock.lock();
        try {
            stopping = false;
            launch();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Terminates the process: SIGTERM, then SIGKILL after the kill timeout. Blocks until it has exited.
     *
     * @throws InterruptedException if interrupted while waiting; the process is killed first
     */
    @Override
    protected void stop(Throwable cause) throws Exception {
        Process running;
        lock.lock();
        try {
            stopping = true;
            running = process;
        } finally {
            lock.unlock();
        }
        beforeTerminate();
        if (running == null) {
            return;
        }
        terminate(running);
    }

    /**
     * Returns the process id of the current process (the one running, or the last one that ran).
     *
     * @return the pid, or empty before the first start
     */
    public final OptionalLong pid() {
        lock.lock();
        try {
            return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns a future of the exit code of the current process, complete once the process has exited, its
     * output and exit code have been logged and {@link #exitedOnItsOwn(int)} has returned. A new process
     * (after a restart or respawn) gets a new future.
     *
     * @return the exit code future; never null
     */
    public final CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public String toString() {
        OptionalLong pid = pid();
        return name() + "[" + state() + (pid.isPresent() ? ", pid " + pid.getAsLong() : "") + "]";
    }

    /**
     * Called when the process exited while the service was not stopping. Runs on a virtual thread.
     *
     * @param exitCode the process's exit code
     */
    protected void exitedOnItsOwn(int exitCode) {
    }

    /** Called at the start of a stop, before the process is terminated. */
    void beforeTerminate() {
    }

    /**
     * Launches a new process unless the service is stopping; for {@link RespawningProcessService}.
     *
     * @return true if a process was launched
     * @throws IOException if the process cannot be started
     */
    final boolean relaunch() throws IOException {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            launch();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(options.command());
        builder.environment().putAll(options.environment());
        options.directory().ifPresent(dir -> builder.directory(dir.toFile()));
        Process started = builder.start();
        CompletableFuture<Integer> exited = new CompletableFuture<>();
        process = started;
        exit = exited;
        LOG.info("{} started {} as pid {}", name(), options.command(), started.pid());
        Thread out = pump(started.getInputStream(), started.pid(), false);
        Thread err = pump(started.getErrorStream(), started.pid(), true);
        started.onExit().thenRun(() -> Thread.ofVirtual().name("aiomisc-process-exit-" + name())
                .start(() -> exited(started, exited, List.of(out, err))));
    }

    private Thread pump(InputStream stream, long pid, boolean stderr) {
        return Thread.ofVirtual().name("aiomisc-process-" + name() + (stderr ? "-stderr" : "-stdout"))
                .start(() -> {
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(stream, Charset.defaultCharset()))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            if (stderr) {
                                output.warn("{}", line);
                            } else {
                                output.info("{}", line);
                            }
                        }
                    } catch (IOException closed) {
                        LOG.debug("{} (pid {}) output closed: {}", name(), pid, closed.toString());
                    }
                });
    }

    private void exited(Process ended, CompletableFuture<Integer> exited, List<Thread> readers) {
        int code = ended.exitValue();
        // a grandchild may keep the pipes open: log the exit without waiting for it forever
        try {
            for (Thread reader : readers) {
                reader.join(OUTPUT_DRAIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean onItsOwn;
        lock.lock();
        try {
            onItsOwn = !stopping;
        } finally {
            lock.unlock();
        }
        if (onItsOwn && code != 0) {
            LOG.warn("{} (pid {}) exited with code {}", name(), ended.pid(), code);
        } else {
            LOG.info("{} (pid {}) exited with code {}", name(), ended.pid(), code);
        }
        try {
            if (onItsOwn) {
                exitedOnItsOwn(code);
            }
        } finally {
            exited.complete(code);
        }
    }

    private void terminate(Process running) throws InterruptedException {
        // Through the handle, not Process.destroy(): that one also closes our end of the pipes, and the
        // lines the process writes while it shuts down would be lost.
        ProcessHandle handle = running.toHandle();
        List<ProcessHandle> descendants = running.descendants().toList();
        handle.destroy();
        try {
            try {
                exit(running).get(options.killTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                LOG.warn("{} (pid {}) did not exit within {} of SIGTERM; killing it", name(), running.pid(),
                        options.killTimeout());
                handle.destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
                exit(running).get();
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            throw e;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }

    /** The exit future of {@code running}, completed after its output was logged. */
    private CompletableFuture<Integer> exit(Process running) {
        lock.lock();
        try {
            return process == running ? exit : running.onExit().thenApply(Process::exitValue);
        } finally {
            lock.unlock();
        }
    }
}
