package io.aiomisc.examples;

/** Tutorial 1.2: a {@link HelloGreetingService} that greets with emoji. */
public final class HelloEmojiService extends HelloGreetingService {
    /**
     * Greets {@code title name}, the emoji way.
     *
     * @param name  who to greet, not blank
     * @param title their title, not blank
     * @throws IllegalArgumentException naming the parameter, if one is null or blank
     */
    public HelloEmojiService(String name, String title) {
        super(name, title);
    }

    @Override
    protected String greeting() throws InterruptedException {
        Thread.sleep(100);
        return "🙋 " + title + " " + name;
    }
}
