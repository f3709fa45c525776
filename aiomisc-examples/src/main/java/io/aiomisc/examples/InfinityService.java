package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import java.time.Duration;

/**
 * Tutorial 1.1, the first service mode: {@code start()} reports readiness with {@code started()} (aiomisc's
 * {@code self.start_event.set()}) and then runs until the service is stopped, which interrupts its thread.
 *
 * <p>The tutorial's service runs forever ({@link #InfinityService()}). So that the examples end by themselves,
 * {@link #InfinityService(Duration, long)} stops the whole entrypoint after a number of ticks.
 *
 * <p>Run alone with {@code scripts/example.sh infinity-service}: prints {@code InfinityService tick 1} to
 * {@code tick 3}, 100 ms apart, and ends.
 */
public final class InfinityService extends Service {
    private final Duration interval;
    private final long ticks;

    /** The tutorial's service: a tick every second, forever (until the entrypoint stops). */
    public InfinityService() {
        this(Duration.ofSeconds(1), Long.MAX_VALUE);
    }

    /**
     * A service that ticks every {@code interval} and stops its entrypoint after {@code ticks} ticks.
     *
     * @param interval the pause before each tick, &gt; 0
     * @param ticks    after this many ticks the service stops the entrypoint, &ge; 1
     * @throws IllegalArgumentException naming the parameter, if one is null or out of range
     */
    public InfinityService(Duration interval, long ticks) {
        this.interval = Require.positive("interval", interval);
        this.ticks = Require.atLeastOne("ticks", ticks);
    }

    /**
     * Reports readiness, then does some stuff forever.
     *
     * @throws InterruptedException when the service is stopped: that is how the loop ends
     */
    @Override
    protected void start() throws InterruptedException {
        started();                              // the service is ready
        long tick = 0;
        while (true) {
            Thread.sleep(interval);             // throws InterruptedException when the service stops
            tick++;
            System.out.println("InfinityService tick " + tick);
            if (tick == ticks) {
                entrypoint().stop();            // from a service's own thread this only starts the stop
            }
        }
    }

    /**
     * Runs this service alone until it has ticked three times.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the stop
     */
    public static void main(String[] args) throws InterruptedException {
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new InfinityService(Duration.ofMillis(100), 3))
                .start()) {
            entrypoint.awaitTermination();
        }
    }
}
