/**
 * aiomisc's pytest plugin for JUnit 5: {@link io.aiomisc.junit.AiomiscTest} starts an {@link io.aiomisc.Entrypoint}
 * with the services of the test class's {@link io.aiomisc.junit.Services} methods around each test (or once per
 * class), and injects the entrypoint, its {@link io.aiomisc.Context} and {@link io.aiomisc.junit.UnusedPort unused
 * ports} into test parameters, and {@link io.aiomisc.junit.Proxy} puts a started
 * {@link io.aiomisc.services.tcp.TcpProxy} in front of a service.
 */
module io.aiomisc.junit {
    requires transitive io.aiomisc;
    requires transitive org.junit.jupiter.api;
    // Tests take @Proxy TcpProxy parameters, so a user of this module uses TcpProxy too.
    requires transitive io.aiomisc.services.tcp;

    exports io.aiomisc.junit;
    // JUnit instantiates the extension reflectively, from whatever module (or the class path) it runs in.
    opens io.aiomisc.junit.internal;
}
