package io.aiomisc.bench;

import java.util.List;
import java.util.Locale;

/**
 * The HTTP load benchmark: plaintext {@code GET /hello} on a plain Netty HTTP server ({@code http-netty}) and on
 * {@code HttpServer} with an EVENT_LOOP route ({@code http-event-loop}) and a VIRTUAL route ({@code http-virtual}).
 * For each round and each variant, one server JVM (one event-loop thread) pinned to CPU 0 and one load-client
 * JVM pinned to CPU 1 ({@code taskset}; unpinned with a warning where it is missing), N keep-alive connections
 * doing request/response ping-pong for a fixed time. Variants are interleaved within every round, so a disturbance of
 * the machine hits them alike. Reports per variant the median and the spread (min..max) of msgs/s over the
 * rounds, the median p50/p99 latency, the server's CPU time per message, and the ratio to plain Netty.
 *
 * <p>Usage: {@code HttpBench [--rounds 3] [--duration 5] [--warmup 2] [--connections 64]
 * [--variants http-netty,http-event-loop,http-virtual] [--smoke]}; durations in seconds. {@code --smoke}: 1 round, 1 s, 0.5 s warm-up.
 */
public final class HttpBench {
    /** Every server variant, in report order. */
    static final List<String> VARIANTS = List.of("http-netty", "http-event-loop", "http-virtual");

    private static final LoadRounds.Spec SPEC = new LoadRounds.Spec("http-bench-", VARIANTS, VARIANTS,
            "http-netty", 64, (connections, size) -> String.format(Locale.ROOT,
                    "HTTP hello benchmark: %d keep-alive connection(s), ", connections),
            "req/s", 16, "(x netty: median req/s over the plain Netty HTTP server's; CPU x: Netty's server CPU per "
                    + "message over this variant's, i.e. efficiency; a ratio inside the spread is a tie)",
            HttpLoadClient.class, size -> "/hello");

    private HttpBench() {
    }

    /**
     * Runs the benchmark and prints the report.
     *
     * @param args see the class documentation
     * @throws Exception if a server or client fails
     */
    public static void main(String[] args) throws Exception {
        LoadRounds.main(SPEC, args, System.out);
    }
}
