package io.aiomisc.junit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aiomisc.Context;
import io.aiomisc.Entrypoint;
import io.aiomisc.Key;
import io.aiomisc.Service;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Services;
import io.aiomisc.junit.UnusedPort;
import org.junit.jupiter.api.Test;

// docs/junit.md quotes the region between the tag comments (scripts/docs-sync.sh updates the page).
// tag::greeter[]
@AiomiscTest
class GreeterTest {
    static final Key<String> GREETING = Key.of("greeting", String.class);

    /** A service that publishes a greeting in the entrypoint's context. */
    static final class Greeter extends Service {
        private final int port;

        Greeter(int port) {
            this.port = port;
        }

        @Override
        protected void start() {
            context().put(GREETING, "hello from port " + port);
        }
    }

    @Services
    Service greeter(@UnusedPort("greeter") int port) {
        return new Greeter(port);
    }

    @Test
    void greets(Entrypoint entrypoint, Context context, @UnusedPort("greeter") int port) throws Exception {
        assertEquals(Entrypoint.State.RUNNING, entrypoint.state());
        assertEquals("hello from port " + port, context.await(GREETING));
    }
}
// end::greeter[]
