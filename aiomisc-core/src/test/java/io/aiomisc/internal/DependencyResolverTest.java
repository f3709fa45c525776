package io.aiomisc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.EntrypointException;
import io.aiomisc.Key;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DependencyResolverTest {
    private static final Key<StringBuilder> POOL = Key.of("pool", StringBuilder.class);

    @Test
    void aValueWhoseFactoryFinishesAfterTheCloseIsClosedAndNotHandedOut() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        DependencyResolver resolver = new DependencyResolver("test", Map.of(POOL,
                new DependencyResolver.Registration<>(POOL, deps -> {
                    building.countDown();
                    release.await();
                    return new StringBuilder("connection");
                }, pool -> closed.incrementAndGet())));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread asking = Thread.ofVirtual().start(() -> {
            try {
                resolver.get(POOL);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        assertTrue(building.await(10, TimeUnit.SECONDS));
        assertEquals(0, resolver.close().size(), "nothing was built yet");
        release.countDown();
        asking.join();
        assertEquals(1, closed.get(), "the late value must still be closed: nobody else will close it");
        assertTrue(failure.get() instanceof EntrypointException && failure.get().getMessage().contains("stopped"),
                "the asker must not get a value that is already closed, got " + failure.get());
    }
}
