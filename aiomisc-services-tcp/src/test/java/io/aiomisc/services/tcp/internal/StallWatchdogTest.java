package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.Transport;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StallWatchdogTest {
    @Test
    void aTaskBlockingAnEventLoopIsReportedWithItsStack() throws Exception {
        LinkedBlockingQueue<StallWatchdog.Stall> stalls = new LinkedBlockingQueue<>();
        try (SharedEventLoops.Lease lease = SharedEventLoops.acquire(new Object(), Transport.NIO, 1);
             StallWatchdog ignored = new StallWatchdog(lease.group(), Duration.ofMillis(50), stalls::add)) {
            CountDownLatch release = new CountDownLatch(1);
            lease.group().next().execute(() -> blockTheLoop(release));
            StallWatchdog.Stall stall = stalls.poll(10, TimeUnit.SECONDS);
            release.countDown();
            assertNotNull(stall, "a loop blocked far beyond the threshold must be reported");
            assertTrue(stall.stalled().toMillis() >= 50, "the stall is at least the threshold: " + stall.stalled());
            assertTrue(Arrays.stream(stall.stack()).anyMatch(e -> e.getMethodName().equals("blockTheLoop")),
                    "the report must show the blocking task: " + Arrays.toString(stall.stack()));
        }
    }

    @Test
    void debugModeTurnsOnParanoidLeakDetectionAndTheWatchdogOnlyWhenAskedFor() throws Exception {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        try {
            try (SharedEventLoops.Lease plain = SharedEventLoops.acquire(new Object(), Transport.NIO, 1, false)) {
                assertFalse(plain.debug());
                assertEquals(before, ResourceLeakDetector.getLevel(), "without debug the level is untouched");
            }
            try (SharedEventLoops.Lease debug = SharedEventLoops.acquire(new Object(), Transport.NIO, 1, true)) {
                assertTrue(debug.debug(), "debug mode must add the stall watchdog");
                assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
            }
        } finally {
            ResourceLeakDetector.setLevel(before);
        }
    }

    private static void blockTheLoop(CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
