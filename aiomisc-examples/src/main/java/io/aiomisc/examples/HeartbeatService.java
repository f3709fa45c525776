package io.aiomisc.examples;

import io.aiomisc.service.PeriodicService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo's periodic service: logs a heartbeat with the JVM's heap use at a fixed interval. */
public final class HeartbeatService extends PeriodicService {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);
    private final AtomicLong beats = new AtomicLong();

    /**
     * Creates the service.
     *
     * @param interval the time from the end of one heartbeat to the next; positive
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public HeartbeatService(Duration interval) {
        super(interval);
    }

    @Override
    protected void callback() {
        Runtime runtime = Runtime.getRuntime();
        long usedMiB = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        LOG.info("heartbeat {}: {} MiB of heap in use", beats.incrementAndGet(), usedMiB);
    }
}
