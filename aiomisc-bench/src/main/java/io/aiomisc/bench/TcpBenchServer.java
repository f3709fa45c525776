package io.aiomisc.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One echo server of the TCP benchmark, run in its own JVM by {@link TcpBench}: starts the variant on 127.0.0.1
 * port 0, prints {@code PORT <n>}, answers {@code CPU} on stdin with {@code CPU <process cpu nanos>}, and stops
 * and exits when stdin ends.
 *
 * <p>Usage: {@code TcpBenchServer <variant> [size]}; variants: see {@link TcpBench#VARIANTS} and
 * {@link HttpBench#VARIANTS} (the HTTP hello servers, which ignore the size).
 */
public final class TcpBenchServer {
    /** A started server. */
    interface Running extends AutoCloseable {
        int port();
    }

    private TcpBenchServer() {
    }

    /**
     * Runs one server until stdin ends.
     *
     * @param args the variant and the optional message size (default 64)
     * @throws Exception if the server fails to start or stop
     */
    public static void main(String[] args) throws Exception {
        BenchLogging.toStderr();
        String variant = args[0];
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (Running server = start(variant, size)) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = commands.readLine()) != null) {
                if (command.equals("CPU")) {
                    System.out.println("CPU " + processCpuNanos());
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }

    static Running start(String variant, int size) throws Exception {
        return switch (variant) {
            case "netty" -> NettyEchoServer.start();
            case "raw" -> new RawTcpEchoServer();
            case "stream" -> new StreamTcpEchoServer(size);
            case "jdk-vt" -> new JdkVirtualThreadEchoServer();
            case "netty-bridge" -> NettyBridgeEchoServer.start(size);
            case "http-netty" -> NettyHttpHelloServer.start();
            case "http-event-loop" -> new HttpHelloServer(io.aiomisc.services.http.HandlerMode.EVENT_LOOP);
            case "http-virtual" -> new HttpHelloServer(io.aiomisc.services.http.HandlerMode.VIRTUAL);
            default -> throw new IllegalArgumentException("unknown variant " + variant + "; known: "
                    + String.join(", ", TcpBench.VARIANTS) + ", " + String.join(", ", HttpBench.VARIANTS));
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
