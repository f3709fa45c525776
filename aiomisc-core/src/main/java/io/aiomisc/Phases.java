package io.aiomisc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts and stops runners phase by phase: lower phases start first and stop last, all runners of one phase
 * at once. Waiting is on futures only; nothing polls or sleeps.
 */
final class Phases {
    /** Why a start did not complete. */
    enum Outcome {
        STARTED,
        FAILED,
        STOP_REQUESTED
    }

    private Phases() {
    }

    private static TreeMap<Integer, List<ServiceRunner>> byPhase(List<ServiceRunner> runners) {
        TreeMap<Integer, List<ServiceRunner>> phases = new TreeMap<>();
        for (ServiceRunner runner : runners) {
            phases.computeIfAbsent(runner.service().phase(), phase -> new ArrayList<>()).add(runner);
        }
        return phases;
    }

    /**
     * Launches the runners phase by phase, waiting for each phase to be up before the next.
     *
     * @param runners       the runners, all NEW
     * @param stopRequested completes when the entrypoint is asked to stop: the start is then abandoned
     * @return how the start ended; on FAILED the failure is already recorded by the runner
     * @throws InterruptedException if the starting thread is interrupted
     */
    static Outcome start(List<ServiceRunner> runners, CompletableFuture<?> stopRequested)
            throws InterruptedException {
        for (List<ServiceRunner> phase : byPhase(runners).values()) {
            if (stopRequested.isDone()) {
                return Outcome.STOP_REQUESTED;
            }
            CompletableFuture<Void> phaseUp = new CompletableFuture<>();
            AtomicInteger pending = new AtomicInteger(phase.size());
            for (ServiceRunner runner : phase) {
                runner.launch().whenComplete((ok, error) -> {
                    if (error != null) {
                        phaseUp.completeExceptionally(error);
                    } else if (pending.decrementAndGet() == 0) {
                        phaseUp.complete(null);
                    }
                });
            }
            try {
                CompletableFuture.anyOf(phaseUp, stopRequested).get();
            } catch (ExecutionException e) {
                // phaseUp failed: examined below
            }
            if (stopRequested.isDone()) {
                return Outcome.STOP_REQUESTED;
            }
            if (phaseUp.isCompletedExceptionally()) {
                return Outcome.FAILED;
            }
        }
        return Outcome.STARTED;
    }

    /**
     * Stops the runners phase by phase, highest phase first, within one deadline for all of them. Runners that
     * have not stopped at the deadline are abandoned (and recorded as failures by themselves).
     *
     * @param runners        the runners in any state; NEW ones complete at once
     * @param cause          the cause for {@code stop}
     * @param deadlineNanos  the {@link System#nanoTime()} by which everything must have stopped
     * @param timeout        the whole timeout, for messages
     * @return true if some runner was abandoned
     */
    static boolean stop(List<ServiceRunner> runners, Throwable cause, long deadlineNanos, Duration timeout) {
        boolean overran = false;
        boolean interrupted = false;
        for (Map.Entry<Integer, List<ServiceRunner>> phase : byPhase(runners).descendingMap().entrySet()) {
            List<CompletableFuture<Void>> stops = new ArrayList<>(phase.getValue().size());
            for (ServiceRunner runner : phase.getValue()) {
                stops.add(runner.stop(cause));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
            try {
                all.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                overran |= abandon(phase.getValue(), timeout);
            } catch (InterruptedException e) {
                // Whoever interrupted us wants out: give up on what is still running, keep the flag for later.
                interrupted = true;
                overran |= abandon(phase.getValue(), timeout);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return overran;
    }

    private static boolean abandon(List<ServiceRunner> runners, Duration timeout) {
        boolean any = false;
        for (ServiceRunner runner : runners) {
            any |= runner.abandon(timeout) != null;
        }
        return any;
    }
}
