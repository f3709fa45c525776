package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;

/**
 * Tutorial 1.2, {@code __required__ = ("name", "title")}: in Java, required parameters are constructor parameters,
 * so the compiler insists on them, and the constructor rejects null or blank values at once, naming the parameter.
 *
 * <p>{@code scripts/example.sh hello-required} prints {@code Hello mr. Guido}, then what happens without a name.
 */
public final class HelloRequiredService extends Service {
    private final String name;
    private final String title;

    /**
     * Greets {@code title name}.
     *
     * @param name  who to greet, not blank
     * @param title their title, not blank
     * @throws IllegalArgumentException naming the parameter, if one is null or blank
     */
    public HelloRequiredService(String name, String title) {
        this.name = Require.text("name", name);
        this.title = Require.text("title", title);
    }

    /**
     * Waits a little (the tutorial's {@code await asyncio.sleep(0.1)}), then prints the greeting.
     *
     * @throws InterruptedException if the start is interrupted
     */
    @Override
    protected void start() throws InterruptedException {
        Thread.sleep(100);
        System.out.println("Hello " + title + " " + name);
    }

    /**
     * Starts and stops an entrypoint with one greeting, then shows the fail-fast check.
     *
     * @param args ignored
     */
    @SuppressWarnings("try") // the body is empty on purpose: start, then stop
    public static void main(String[] args) {
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new HelloRequiredService("Guido", "mr."))
                .start()) {
            // pass
        }
        try {
            new HelloRequiredService(null, "mr.");
        } catch (IllegalArgumentException e) {
            System.out.println("without a name: " + e.getMessage());
        }
    }
}
