package io.aiomisc;

import io.aiomisc.spi.EntrypointPlugin;

/** Registered in META-INF/services for the class-path child JVM of {@link PluginDiscoveryTest}. */
public final class TestPlugin implements EntrypointPlugin {
    @Override
    public void preStart(LifecycleEvent event) {
        print("PRE_START", event);
    }

    @Override
    public void postStart(LifecycleEvent event) {
        print("POST_START", event);
    }

    @Override
    public void preStop(LifecycleEvent event) {
        print("PRE_STOP", event);
    }

    @Override
    public void postStop(LifecycleEvent event) {
        print("POST_STOP", event);
    }

    private static void print(String point, LifecycleEvent event) {
        System.out.println("plugin " + point + " " + event.services().size());
    }
}
