package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DependenciesTest {
    private static final Key<String> URL = Key.of("url", String.class);
    private static final Key<StringBuilder> POOL = Key.of("pool", StringBuilder.class);
    private static final Key<String> X = Key.of("x", String.class);
    private static final Key<String> Y = Key.of("y", String.class);

    @Test
    void aDependencyIsBuiltOnceEvenWhenManyServicesAskAtOnce() {
        int count = 16;
        AtomicInteger builds = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(count);
        List<Object> seen = new CopyOnWriteArrayList<>();
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            probes.add(new Probe("user-" + i, self -> {
                together.await();
                seen.add(self.dependency(POOL));
            }));
        }
        Probe.quiet()
                .dependency(POOL, deps -> {
                    builds.incrementAndGet();
                    return new StringBuilder("pool");
                })
                .services(probes.toArray(Service[]::new))
                .start().close();
        assertEquals(1, builds.get(), "the factory runs once");
        assertEquals(count, seen.size());
        assertTrue(seen.stream().allMatch(value -> value == seen.get(0)), "everyone gets the same instance");
    }

    @Test
    void factoriesMayUseOtherDependenciesAndClosersRunInReverseAfterTheServices() {
        List<String> journal = new CopyOnWriteArrayList<>();
        Probe user = new Probe("user", 0, self -> journal.add("got " + self.dependency(POOL)),
                self -> journal.add("user stopped"), null);
        Probe.quiet()
                .dependency(URL, deps -> "db://x", url -> journal.add("closed url"))
                .dependency(POOL, deps -> new StringBuilder("pool(" + deps.get(URL) + ")"),
                        pool -> journal.add("closed pool"))
                .services(user)
                .start().close();
        assertEquals(List.of("got pool(db://x)", "user stopped", "closed pool", "closed url"), journal,
                "closers run after the services stopped, the dependent one first");
    }

    @Test
    void aCycleFailsNamingIt() {
        Key<String> a = Key.of("a", String.class);
        Key<String> b = Key.of("b", String.class);
        Probe user = new Probe("user", self -> self.dependency(a));
        EntrypointException failure = assertThrows(EntrypointException.class, () -> Probe.quiet()
                .dependency(a, deps -> deps.get(b))
                .dependency(b, deps -> deps.get(a))
                .services(user).start());
        assertEquals(EntrypointException.class, failure.getCause().getClass());
        assertTrue(failure.getCause().getMessage().contains("dependency cycle: a -> b -> a"),
                "the message names the cycle: " + failure.getCause().getMessage());
    }

    @Test
    void aCycleEnteredFromTwoThreadsFailsInsteadOfDeadlocking() {
        CountDownLatch bothInside = new CountDownLatch(2);
        AtomicReference<Throwable> fromX = new AtomicReference<>();
        AtomicReference<Throwable> fromY = new AtomicReference<>();
        Probe viaX = new Probe("viaX", self -> capture(fromX, () -> self.dependency(X)));
        Probe viaY = new Probe("viaY", self -> capture(fromY, () -> self.dependency(Y)));
        Probe.quiet()
                .dependency(X, deps -> {
                    bothInside.countDown();
                    bothInside.await();
                    return deps.get(Y);
                })
                .dependency(Y, deps -> {
                    bothInside.countDown();
                    bothInside.await();
                    return deps.get(X);
                })
                .services(viaX, viaY).start().close();
        assertTrue(fromX.get() instanceof EntrypointException && fromY.get() instanceof EntrypointException,
                "both sides fail: " + fromX.get() + " / " + fromY.get());
        String message = fromX.get().getMessage() + " | " + fromY.get().getMessage();
        assertTrue(message.contains("x -> y -> x") || message.contains("y -> x -> y"),
                "the cycle is named: " + message);
    }

    @Test
    void aFailingFactoryFailsTheServiceThatAsked() {
        IllegalStateException boom = new IllegalStateException("no route to db");
        Probe user = new Probe("user", self -> self.dependency(URL));
        EntrypointException failure = assertThrows(EntrypointException.class, () -> Probe.quiet()
                .dependency(URL, deps -> {
                    throw boom;
                })
                .services(user).start());
        assertTrue(failure.getCause() instanceof EntrypointException, "the service's start failed");
        assertSame(boom, failure.getCause().getCause(), "with the factory's exception inside");
        assertEquals(Service.State.FAILED, user.state());
    }

    @Test
    void anUnknownKeyFails() {
        Probe user = new Probe("user", self -> self.dependency(URL));
        EntrypointException failure = assertThrows(EntrypointException.class,
                () -> Probe.quiet().services(user).start());
        assertTrue(failure.getCause().getMessage().contains("no dependency registered for Key[url: String]"),
                failure.getCause().getMessage());
    }

    @Test
    void registeringAKeyTwiceIsAnError() {
        Entrypoint.Builder builder = Probe.quiet().dependency(URL, deps -> "a");
        assertThrows(IllegalStateException.class, () -> builder.dependency(URL, deps -> "b"));
    }

    @Test
    void aFailingCloserIsReportedAndTheOthersStillClose() {
        List<String> closed = new CopyOnWriteArrayList<>();
        Probe user = new Probe("user", self -> {
            self.dependency(URL);
            self.dependency(X);
        });
        Entrypoint entrypoint = Probe.quiet()
                .dependency(URL, deps -> "u", url -> closed.add("url"))
                .dependency(X, deps -> "x", x -> {
                    throw new IllegalStateException("close x failed");
                })
                .services(user).start();
        EntrypointException failure = assertThrows(EntrypointException.class, entrypoint::close);
        assertEquals("close x failed", failure.getCause().getMessage());
        assertEquals(List.of("url"), closed, "the other closers still run");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void capture(AtomicReference<Throwable> into, Call call) {
        try {
            call.run();
        } catch (Exception e) {
            into.set(e);
        }
    }
}
