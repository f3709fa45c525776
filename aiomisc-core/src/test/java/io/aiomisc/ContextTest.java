package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContextTest {
    private static final Key<String> URL = Context.key("url", String.class);

    @Test
    void keysAreEqualByNameAndType() {
        assertEquals(Key.of("url", String.class), URL);
        assertNotEquals(Key.of("url", Integer.class), URL);
        assertThrows(IllegalArgumentException.class, () -> Key.of(" ", String.class));
    }

    @Test
    void aServiceAwaitsWhatAnotherPuts() throws Exception {
        Probe consumer = new Probe("consumer", self -> self.context().await(URL));
        Probe producer = new Probe("producer", self -> self.context().put(URL, "db://x"));
        try (Entrypoint entrypoint = Probe.quiet().services(consumer, producer).start()) {
            assertEquals(Optional.of("db://x"), entrypoint.context().get(URL), "get returns the value");
            assertEquals("db://x", entrypoint.context().future(URL).get(), "future completes with it");
        }
    }

    @Test
    void aSecondPutReplacesTheValue() throws Exception {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            Context context = entrypoint.context();
            CompletableFuture<String> early = context.future(URL);
            context.put(URL, "first");
            context.put(URL, "second");
            assertEquals("first", early.get(), "a future handed out earlier keeps the first value");
            assertEquals("second", context.await(URL), "later reads see the new value");
            assertEquals(Optional.of("second"), context.get(URL));
        }
    }

    @Test
    void awaitWithATimeoutTimesOut() {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            TimeoutException timeout = assertThrows(TimeoutException.class,
                    () -> entrypoint.context().await(URL, Duration.ofMillis(10)));
            assertTrue(timeout.getMessage().contains("url"), timeout.getMessage());
            assertEquals(Optional.empty(), entrypoint.context().get(URL), "nothing was put");
        }
    }

    @Test
    void pendingWaitersFailWhenTheEntrypointCloses() {
        Entrypoint entrypoint = Probe.quiet().start();
        CompletableFuture<String> pending = entrypoint.context().future(URL);
        entrypoint.close();
        assertThrows(CancellationException.class, pending::join, "a pending future is cancelled at close");
        assertThrows(CancellationException.class, () -> entrypoint.context().await(URL),
                "awaiting a closed context fails at once");
        assertThrows(IllegalStateException.class, () -> entrypoint.context().put(URL, "late"),
                "a closed context rejects puts");
    }

    @Test
    void valuesAreTypeChecked() {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Key<Object> raw = (Key) URL;
            assertThrows(ClassCastException.class, () -> entrypoint.context().put(raw, 42));
            assertThrows(NullPointerException.class, () -> entrypoint.context().put(URL, null));
        }
    }
}
