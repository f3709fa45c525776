package io.aiomisc;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;
import javax.management.ObjectName;

/** What an entrypoint has published over JMX, for assertions. */
final class JmxNames {
    private JmxNames() {
    }

    /** The entrypoint's MBeans now, each as {@code type/name}, sorted. */
    static Set<String> published(Entrypoint entrypoint) throws Exception {
        Set<String> found = new TreeSet<>();
        for (ObjectName name : ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("io.aiomisc:entrypoint=" + entrypoint.id() + ",*"), null)) {
            found.add(name.getKeyProperty("type") + "/" + name.getKeyProperty("name"));
        }
        return found;
    }
}
