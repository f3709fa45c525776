package io.aiomisc.bench;

import java.util.List;
import java.util.Locale;

/**
 * The TCP load benchmark: for each round and each variant, one server JVM pinned to CPU 0 and one load-client
 * JVM pinned to CPU 1 ({@code taskset}; unpinned with a warning where it is missing), N connections doing 64-byte
 * request/response ping-pong for a fixed time. Variants are interleaved within every round, so a disturbance of
 * the machine hits them alike. Reports per variant the median and the spread (min..max) of msgs/s over the
 * rounds, the median p50/p99 latency, the server's CPU time per message, and the ratio to plain Netty.
 *
 * <p>Usage: {@code TcpBench [--rounds 3] [--duration 5] [--warmup 2] [--connections 32] [--size 64]
 * [--variants netty,raw,stream] [--smoke]}; durations in seconds. {@code --smoke}: 1 round, 1 s, 0.5 s warm-up.
 */
public final class TcpBench {
    /** Every server variant, in report order. */
    static final List<String> VARIANTS = List.of("netty", "raw", "stream", "jdk-vt", "netty-bridge");
    private static final List<String> DEFAULT_VARIANTS = List.of("netty", "raw", "stream");

    private static final LoadRounds.Spec SPEC = new LoadRounds.Spec("tcp-bench-", VARIANTS, DEFAULT_VARIANTS,
            "netty", 32, (connections, size) -> String.format(Locale.ROOT,
                    "TCP echo benchmark: %d connection(s), %d-byte ping-pong, ", connections, size),
            "msgs/s", 12, "(x netty: median msgs/s over plain Netty's; CPU x: Netty's server CPU per message over "
                    + "this variant's, i.e. efficiency; a ratio inside the spread is a tie)",
            TcpLoadClient.class, Integer::toString);

    private TcpBench() {
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
