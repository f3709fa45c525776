package io.aiomisc.service;

import io.aiomisc.internal.Checks;
import io.aiomisc.schedule.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProcessService} that starts its process again, {@link #respawnDelay()} after it exited on its own
 * (aiomisc's {@code RespawningProcessService}, which polls every 5 s; here the restart follows the exit
 * directly, after the delay). A process that cannot be started again is retried after the same delay. Stopping
 * the service cancels a pending respawn and terminates the process as {@link ProcessService} does; nothing is
 * respawned after that.
 *
 * <p>Thread-safety: every public method may be called from any thread and never blocks.
 */
public class RespawningProcessService extends ProcessService {

    /** Five seconds, aiomisc's {@code process_poll_timeout}. */
    public static final Duration DEFAULT_RESPAWN_DELAY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RespawningProcessService.class);

    private final Duration respawnDelay;
    private final Scheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong respawns = new AtomicLong();
    private Scheduler.Cancellable pending; // guarded by lock
    private boolean stopping; // guarded by lock

    /**
     * Creates the service with {@link #DEFAULT_RESPAWN_DELAY}.
     *
     * @param options the command, name, environment, working directory and kill timeout
     * @throws NullPointerException if {@code options} is null
     */
    public RespawningProcessService(ProcessOptions options) {
        this(options, DEFAULT_RESPAWN_DELAY, Scheduler.system());
    }

    /**
     * Creates the service.
     *
     * @param options the command, name, environment, working directory and kill timeout
     * @param respawnDelay the wait between an exit and the next start; zero or positive
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code respawnDelay} is negative
     */
    public RespawningProcessService(ProcessOptions options, Duration respawnDelay) {
        this(options, respawnDelay, Scheduler.system());
    }

    /**
     * Creates the service on a given scheduler, which times the respawn delay (tests pass a fake one).
     *
     * @param options the command, name, environment, working directory and kill timeout
     * @param respawnDelay the wait between an exit and the next start; zero or positive
     * @param scheduler the timer of the respawn delay
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code respawnDelay} is negative
     */
    public RespawningProcessService(ProcessOptions options, Duration respawnDelay, Scheduler scheduler) {
        super(options);
        this.respawnDelay = Checks.nonNegative(respawnDelay, "respawnDelay");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Returns the wait between an exit and the next start.
     *
     * @return the respawn delay
     */
    public final Duration respawnDelay() {
        return respawnDelay;
    }

    /**
     * Returns how many times the process was started again after it exited. Never blocks.
     *
     * @return the number of respawns since the service was created
     */
    public final long respawns() {
        return respawns.get();
    }

    @Override
    protected void start() throws IOException {
        lock.lock();
        try {
            stopping = false;
        } finally {
            lock.unlock();
        }
        super.start();
    }

    @Override
    protected void exitedOnItsOwn(int exitCode) {
        scheduleRespawn();
    }

    @Override
    void beforeTerminate() {
        Scheduler.Cancellable timer;
        lock.lock();
        try {
            stopping = true;
            timer = pending;
            pending = null;
        } finally {
            lock.unlock();
        }
        if (timer != null) {
            timer.cancel();
        }
    }

    private void scheduleRespawn() {
        lock.lock();
        try {
            if (!stopping) {
                LOG.info("{} respawns in {}", name(), respawnDelay);
                pending = scheduler.schedule(respawnDelay, this::respawn);
            }
        } finally {
            lock.unlock();
        }
    }

    private void respawn() {
        try {
            if (relaunch()) {
                respawns.incrementAndGet();
            }
        } catch (IOException e) {
            LOG.error("{} could not be started again; next attempt in {}", name(), respawnDelay, e);
            scheduleRespawn();
        }
    }
}
