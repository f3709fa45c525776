package io.aiomisc.services.tcp.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BandwidthPacerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;

    @Test
    void aSteadyStreamIsPacedToTheRate() {
        BandwidthPacer pacer = new BandwidthPacer();
        long now = 0;
        for (int i = 0; i < 10; i++) {
            long wait = pacer.delayNanos(1_000, 10_000, now);
            assertEquals(100 * MILLI, wait, "each 1000-byte chunk at 10000 B/s must wait 100 ms (chunk " + i + ")");
            now += wait;
        }
    }

    @Test
    void aChunkArrivingBeforeThePreviousOneIsDueWaitsForBoth() {
        BandwidthPacer pacer = new BandwidthPacer();
        assertEquals(100 * MILLI, pacer.delayNanos(1_000, 10_000, 0));
        assertEquals(150 * MILLI, pacer.delayNanos(1_000, 10_000, 50 * MILLI),
                "a chunk arriving 50 ms into the first one's 100 ms must wait until 200 ms");
    }

    @Test
    void loweringTheRateDoesNotChargeEarlierBytesAtTheNewRate() {
        BandwidthPacer pacer = new BandwidthPacer();
        long now = 0;
        for (int i = 0; i < 32; i++) {
            now += pacer.delayNanos(64 * 1024, 1_000_000, now);
        }
        long wait = pacer.delayNanos(1_000, 10_000, now);
        assertEquals(100 * MILLI, wait,
                "after 2 MB at 1 MB/s, 1000 bytes at a new limit of 10000 B/s must wait 100 ms, not the ~200 s "
                        + "those 2 MB would take at the new limit");
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() {
        BandwidthPacer pacer = new BandwidthPacer();
        assertEquals(50 * MILLI, pacer.delayNanos(500, 10_000, 0));
        long afterIdle = 3 * SECOND;
        long total = 0;
        long now = afterIdle;
        for (int i = 0; i < 60; i++) {
            long wait = pacer.delayNanos(500, 10_000, now);
            total += wait;
            now += wait;
        }
        assertEquals(3 * SECOND, total,
                "30 KB at 10 KB/s after a 3 s pause must still take 3 s, not pass at once on saved-up time");
    }

    @Test
    void noLimitMeansNoWaitAndALimitSetLaterStartsAfresh() {
        BandwidthPacer pacer = new BandwidthPacer();
        assertEquals(0, pacer.delayNanos(64 * 1024, 0, 0), "without a limit a chunk must not wait");
        assertEquals(0, pacer.delayNanos(64 * 1024, 0, 1), "without a limit a chunk must not wait");
        assertEquals(100 * MILLI, pacer.delayNanos(1_000, 10_000, 2),
                "a limit set after unlimited traffic must pace only what comes after it");
    }

    @Test
    void aRateChangedWhileAChunkWaitsRepacesIt() {
        BandwidthPacer pacer = new BandwidthPacer();
        assertEquals(10 * SECOND, pacer.delayNanos(1_000, 100, 0));
        assertEquals(MILLI, pacer.delayNanos(1_000, 1_000_000, 5 * MILLI),
                "re-paced at 1 MB/s, the waiting 1000 bytes must wait 1 ms from the change");
        assertEquals(0, pacer.delayNanos(1_000, 0, 6 * MILLI), "the limit removed, the chunk must go at once");
    }
}
