package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plugins registered in META-INF/services are found on the class path. (A test patched into the module cannot
 * add a {@code provides} clause, so the check runs in a class-path child JVM.)
 */
@Timeout(60)
class PluginDiscoveryTest {

    @Test
    void aPluginIsFoundAndCalledBetweenProcessWideAndOwnReceivers() throws Exception {
        try (ChildJvm child = ChildJvm.start("plugins", Map.of("AIOMISC_POOL_SIZE", "7"))) {
            assertEquals(0, child.awaitExit(), child.output());
            List<String> out = child.out();
            assertEquals(List.of("global PRE_START", "plugin PRE_START 1", "own PRE_START"), out.subList(0, 3),
                    "process-wide receivers, then plugins, then the entrypoint's own:" + child.output());
            assertTrue(out.contains("plugin POST_START 1") && out.contains("plugin PRE_STOP 1"),
                    "the plugin sees every hook:" + child.output());
            int postStop = out.indexOf("plugin POST_STOP 1");
            assertEquals("global POST_STOP", out.get(postStop - 1), child.output());
            assertEquals("own POST_STOP", out.get(postStop + 1), child.output());
            assertTrue(out.contains("pool 7"), "AIOMISC_POOL_SIZE from the real environment sized the pool:"
                    + child.output());
        }
    }

    @Test
    void aiomiscNoPluginsDisablesDiscovery() throws Exception {
        try (ChildJvm child = ChildJvm.start("plugins", Map.of("AIOMISC_NO_PLUGINS", "1"))) {
            assertEquals(0, child.awaitExit(), child.output());
            assertTrue(child.out().stream().noneMatch(line -> line.startsWith("plugin")),
                    "AIOMISC_NO_PLUGINS=1 disables plugins, as in aiomisc:" + child.output());
        }
    }
}
