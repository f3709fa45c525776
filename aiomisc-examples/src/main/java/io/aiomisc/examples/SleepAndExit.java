package io.aiomisc.examples;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tutorial's {@code sleep_and_exit} coroutine, a main body for {@link NoServicesExample} and {@link RunExample}. */
final class SleepAndExit {
    private static final Logger LOG = LoggerFactory.getLogger(SleepAndExit.class);

    private SleepAndExit() {
    }

    static Void sleepAndExit() throws InterruptedException {
        LOG.info("Started");
        Thread.sleep(Duration.ofSeconds(1));
        LOG.info("Exiting");
        return null;
    }
}
