package io.aiomisc.internal;

import io.aiomisc.spi.EntrypointPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link EntrypointPlugin}s with {@link ServiceLoader} once per JVM and makes a fresh instance of each for
 * every entrypoint. A plugin that cannot be loaded is logged and skipped, as aiomisc does. Thread-safe.
 */
public final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.Entrypoint");

    private static final class Providers {
        static final List<ServiceLoader.Provider<EntrypointPlugin>> ALL = discover();
    }

    private PluginLoader() {
    }

    private static List<ServiceLoader.Provider<EntrypointPlugin>> discover() {
        List<ServiceLoader.Provider<EntrypointPlugin>> found = new ArrayList<>();
        var iterator = ServiceLoader.load(EntrypointPlugin.class).stream().iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
            } catch (ServiceConfigurationError e) {
                // A broken configuration file: the iterator cannot be trusted to move past it.
                LOG.error("cannot look up entrypoint plugins; discovery stopped", e);
                break;
            }
            try {
                // Not logged here: discovery runs when an entrypoint is built, before it configures logging, and
                // logback's default set-up would print the line on stdout. The entrypoint logs its plugins once
                // logging is set up.
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                LOG.error("cannot load an entrypoint plugin; skipped", e);
            }
        }
        return List.copyOf(found);
    }

    /**
     * Creates one instance of every plugin found.
     *
     * @return the plugins in discovery order; plugins whose construction fails are logged and skipped
     */
    public static List<EntrypointPlugin> instances() {
        List<EntrypointPlugin> plugins = new ArrayList<>(Providers.ALL.size());
        for (ServiceLoader.Provider<EntrypointPlugin> provider : Providers.ALL) {
            try {
                plugins.add(provider.get());
            } catch (ServiceConfigurationError e) {
                LOG.error("cannot create plugin {}; skipped", provider.type().getName(), e);
            }
        }
        return plugins;
    }
}
