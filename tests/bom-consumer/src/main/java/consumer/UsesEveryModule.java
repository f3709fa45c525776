package consumer;

import io.aiomisc.Entrypoint;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.log.LogFormat;
import io.aiomisc.services.http.HttpServer;
import io.aiomisc.services.tcp.TcpServer;
import io.aiomisc.threads.ThreadPool;

/** Compiles only when the BOM resolved every module it names. */
final class UsesEveryModule {
    static int answer() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            return pool.call(() -> 42).get();
        }
    }

    static LogFormat format() {
        return LogFormat.PLAIN;
    }

    static Class<Entrypoint> entrypoint() {
        return Entrypoint.class;
    }

    static Class<TcpServer> tcpServer() {
        return TcpServer.class;
    }

    static Class<HttpServer> httpServer() {
        return HttpServer.class;
    }

    static Class<AiomiscTest> junit() {
        return AiomiscTest.class;
    }
}
