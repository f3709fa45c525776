package io.aiomisc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Entrypoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GracefulServiceTest {

    /** Spawns one task at start that blocks until released; counts down {@code stopping} when stop begins. */
    static final class Worker extends GracefulService {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch stopping = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();
        volatile CompletableFuture<String> task;

        Worker(Duration grace) {
            super(grace);
        }

        @Override
        protected void start() throws Exception {
            super.start();
            task = spawn("job", () -> {
                try {
                    release.await();
                    return "done";
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
            });
        }

        volatile Thread stopper;

        @Override
        protected void stop(Throwable cause) throws Exception {
            stopper = Thread.currentThread();
            stopping.countDown();
            super.stop(cause);
        }

        /** Until the stop is waiting for the running tasks (its only timed wait): it has taken their list by then. */
        void awaitStopWaiting() {
            while (stopper.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
        }

        CompletableFuture<String> spawnMore() {
            return spawn("late", () -> "never");
        }
    }

    @Test
    void waitsForRunningTasksWithinTheGracePeriod() throws Exception {
        Worker worker = new Worker(Duration.ofSeconds(20));
        Entrypoint entrypoint = Entrypoints.start(worker);
        assertEquals(List.of("job#1"), worker.runningTasks());
        Thread closer = Thread.ofVirtual().start(entrypoint::close);
        worker.stopping.await();
        worker.awaitStopWaiting();
        assertTrue(closer.isAlive(), "the stop waits for the running task");
        worker.release.countDown();
        closer.join();
        assertEquals("done", worker.task.get(20, TimeUnit.SECONDS), "the task finished normally");
        assertEquals(new GracefulService.StopReport(List.of("job#1"), List.of()), worker.lastStopReport());
    }

    @Test
    void interruptsTasksStillRunningAfterTheGracePeriodAndReportsThem() throws Exception {
        Worker worker = new Worker(Duration.ZERO);
        try (LogQueue log = new LogQueue()) {
            Entrypoints.start(worker).close();
            assertEquals(new GracefulService.StopReport(List.of(), List.of("job#1")), worker.lastStopReport());
            assertTrue(worker.interrupted.get(), "the late task is interrupted");
            CancellationException e = assertThrows(CancellationException.class,
                    () -> worker.task.get(5, TimeUnit.SECONDS), "its future says it was cancelled");
            assertInstanceOf(InterruptedException.class, e.getCause().getCause(), "caused by the interrupt");
            log.awaitMessage("were interrupted: [job#1]");
        }
        assertEquals(List.of(), worker.runningTasks());
    }

    @Test
    void rejectsNewTasksOnceStopped() {
        Worker worker = new Worker(Duration.ZERO);
        Entrypoints.start(worker).close();
        assertThrows(RejectedExecutionException.class, worker::spawnMore);
    }

    @Test
    void aNegativeGracePeriodIsRejected() {
        assertEquals("gracePeriod must be >= 0, was PT-1S",
                assertThrows(IllegalArgumentException.class, () -> new Worker(Duration.ofSeconds(-1))).getMessage());
    }
}
