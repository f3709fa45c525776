package io.aiomisc.services.tcp.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ConnectionTrackerTest {
    @Test
    void concurrentAddsAtTheLimitNeverCountMoreThanTheMaximumAndTheWaiterWakesWhenAllAreGone()
            throws Exception {
        ConnectionTracker<Object> tracker = new ConnectionTracker<>(1);
        Object held = new Object();
        assertTrue(tracker.tryAdd(held));
        AtomicInteger largestSeen = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50_000; i++) {
                    Object entry = new Object();
                    boolean admitted = tracker.tryAdd(entry);
                    largestSeen.accumulateAndGet(tracker.size(), Math::max);
                    if (admitted) {
                        tracker.remove(entry);
                    }
                }
            }));
        }
        boolean[] emptied = new boolean[1];
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                waiting.countDown();
                emptied[0] = tracker.awaitEmpty(null);
            } catch (InterruptedException e) {
                // The test failed and interrupts it below.
            }
        });
        waiting.await();
        go.countDown();
        tracker.remove(held);
        for (Thread thread : threads) {
            thread.join();
        }
        waiter.join(Duration.ofSeconds(10));
        boolean stuck = waiter.isAlive();
        waiter.interrupt();
        assertEquals(1, largestSeen.get(),
                "a tracker with a maximum of 1 must never count more than 1 entry, even while refusing adds");
        assertFalse(stuck, "the stop waiting for the tracker to empty must wake once every entry was removed");
        assertTrue(emptied[0]);
        assertEquals(0, tracker.size());
        assertTrue(tracker.awaitEmpty(Duration.ZERO), "an empty tracker must not make the stop wait");
    }

    @Test
    void aFullTrackerRefusesAndAdmitsAgainOnceAnEntryIsRemoved() {
        ConnectionTracker<String> tracker = new ConnectionTracker<>(2);
        assertTrue(tracker.tryAdd("a"));
        assertTrue(tracker.tryAdd("b"));
        assertFalse(tracker.tryAdd("c"), "a third entry must be refused at a maximum of 2");
        assertEquals(2, tracker.size(), "a refused add must leave the count alone");
        tracker.remove("a");
        tracker.remove("a");
        assertEquals(1, tracker.size(), "removing twice must count once");
        assertTrue(tracker.tryAdd("c"), "a freed place must admit a new entry");
    }
}
