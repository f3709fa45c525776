/**
 * The aiomisc tutorial's programs in Java, one class per program, each with a {@code main}; {@link
 * io.aiomisc.examples.Examples} runs them by name ({@code scripts/example.sh <name>}).
 *
 * <p>A named module on purpose: it is the smallest module an application of aiomisc for Java needs
 * ({@code requires io.aiomisc;} brings the threads and logging modules with it), and the examples run on the
 * module path exactly as a user's application would.
 */
module io.aiomisc.examples {
    // transitive: the example services extend io.aiomisc.Service, part of this module's exported API.
    requires transitive io.aiomisc;
    // transitive: EchoService extends io.aiomisc.services.tcp.TcpServer. HTTP is only used inside the demo.
    requires transitive io.aiomisc.services.tcp;
    requires io.aiomisc.services.http;

    exports io.aiomisc.examples;
}
