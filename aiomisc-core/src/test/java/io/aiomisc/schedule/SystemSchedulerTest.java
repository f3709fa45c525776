package io.aiomisc.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SystemSchedulerTest {

    private static final InheritableThreadLocal<String> BINDING = new InheritableThreadLocal<>();

    @Test
    void runsTheTaskOnAVirtualThreadThatInheritsTheCallersBindings() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        BINDING.set("entrypoint-1");
        try {
            Scheduler.system().schedule(Duration.ofMillis(1), () ->
                    seen.complete(Thread.currentThread().isVirtual() + " " + BINDING.get()));
        } finally {
            BINDING.remove();
        }
        assertEquals("true entrypoint-1", seen.get(5, TimeUnit.SECONDS));
    }

    @Test
    void cancelBeforeTheDelayPreventsTheRunOnlyOnce() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Scheduler.Cancellable task = Scheduler.system().schedule(Duration.ofHours(1), () -> ran.set(true));
        assertTrue(task.cancel(), "the first cancel prevents the run");
        assertFalse(task.cancel(), "a second cancel reports that nothing was prevented");
        assertFalse(ran.get());
    }

    @Test
    void cancelAfterTheTaskStartedReturnsFalse() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Scheduler.Cancellable task = Scheduler.system().schedule(Duration.ZERO, () -> {
            started.complete(null);
            release.join();
        });
        started.get(5, TimeUnit.SECONDS);
        assertFalse(task.cancel(), "a task that already runs cannot be cancelled");
        release.complete(null);
    }

    @Test
    void clocksMoveForward() {
        Scheduler s = Scheduler.system();
        long before = s.nanoTime();
        assertTrue(s.nanoTime() >= before);
        assertTrue(s.now().isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z")));
    }
}
