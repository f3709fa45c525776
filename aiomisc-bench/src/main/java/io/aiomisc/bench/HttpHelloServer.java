package io.aiomisc.bench;

import io.aiomisc.Entrypoint;
import io.aiomisc.services.http.HandlerMode;
import io.aiomisc.services.http.HttpResponse;
import io.aiomisc.services.http.HttpServer;
import io.aiomisc.services.tcp.NettyLoop;

/**
 * The aiomisc variants of the HTTP benchmark: {@link HttpServer} on one shared event-loop thread, with the
 * hello route in {@link HandlerMode#EVENT_LOOP} or {@link HandlerMode#VIRTUAL} mode.
 */
final class HttpHelloServer implements TcpBenchServer.Running {
    private static final HttpResponse HELLO = HttpResponse.ok("hello");

    private final Entrypoint entrypoint;
    private final HttpServer server;

    HttpHelloServer(HandlerMode mode) {
        server = HttpServer.builder().address("127.0.0.1", 0)
                .route("GET", "/hello", mode, request -> HELLO)
                .build();
        entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false)
                .set(NettyLoop.THREADS, 1)
                .services(server)
                .start();
    }

    @Override
    public int port() {
        return server.localAddress().getPort();
    }

    @Override
    public void close() {
        entrypoint.close();
    }
}
