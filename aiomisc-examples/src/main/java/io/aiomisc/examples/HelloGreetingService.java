package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;

/**
 * Tutorial 1.2, the inheritance example: a base service whose {@link #greeting()} subclasses override
 * ({@link HelloEmojiService}). aiomisc's {@code __async_required__} has no Java meaning: there are no coroutine
 * functions, and an override with another signature does not compile, which is the check aiomisc makes when the
 * class is declared.
 *
 * <p>{@code scripts/example.sh hello-inheritance} prints {@code Hello mr. Guido} and {@code 🙋 🎩 👨}, in either
 * order (the services start concurrently).
 */
public class HelloGreetingService extends Service {
    /** Who to greet; not blank. */
    protected final String name;
    /** Their title; not blank. */
    protected final String title;

    /**
     * Greets {@code title name}.
     *
     * @param name  who to greet, not blank
     * @param title their title, not blank
     * @throws IllegalArgumentException naming the parameter, if one is null or blank
     */
    public HelloGreetingService(String name, String title) {
        this.name = Require.text("name", name);
        this.title = Require.text("title", title);
    }

    /**
     * Builds the greeting; may block, as the tutorial's {@code await asyncio.sleep(0.1)} does.
     *
     * @return the greeting
     * @throws InterruptedException if interrupted while waiting
     */
    protected String greeting() throws InterruptedException {
        Thread.sleep(100);
        return "Hello " + title + " " + name;
    }

    /**
     * Prints the greeting.
     *
     * @throws InterruptedException if the start is interrupted
     */
    @Override
    protected void start() throws InterruptedException {
        System.out.println(greeting());
    }

    /**
     * Greets with both services.
     *
     * @param args ignored
     */
    @SuppressWarnings("try") // the body is empty on purpose: start, then stop
    public static void main(String[] args) {
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new HelloGreetingService("Guido", "mr."), new HelloEmojiService("👨", "🎩"))
                .start()) {
            // pass
        }
    }
}
