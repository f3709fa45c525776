package io.aiomisc.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    private static final List<String> DEFAULT_VARIANTS = VARIANTS;
    private static final String BASELINE = "http-netty";

    private record Sample(double msgsPerSecond, long p50Micros, long p99Micros, long messages, double cpuMicrosPerMsg) {
    }

    private final int rounds;
    private final double durationSeconds;
    private final double warmupSeconds;
    private final int connections;
    private final int size;
    private final List<String> variants;
    private final boolean pinned;
    private final Path logs;

    private HttpBench(Map<String, String> options) throws IOException {
        boolean smoke = options.containsKey("smoke");
        rounds = Integer.parseInt(options.getOrDefault("rounds", smoke ? "1" : "3"));
        durationSeconds = Double.parseDouble(options.getOrDefault("duration", smoke ? "1" : "5"));
        warmupSeconds = Double.parseDouble(options.getOrDefault("warmup", smoke ? "0.5" : "2"));
        connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        size = Integer.parseInt(options.getOrDefault("size", "64"));
        variants = options.containsKey("variants")
                ? Arrays.asList(options.get("variants").split(",")) : DEFAULT_VARIANTS;
        for (String variant : variants) {
            if (!VARIANTS.contains(variant)) {
                throw new IllegalArgumentException("unknown variant " + variant + "; known: " + VARIANTS);
            }
        }
        if (rounds < 1 || durationSeconds <= 0 || warmupSeconds < 0 || connections < 1 || size < 1) {
            throw new IllegalArgumentException("rounds, duration, connections and size must be positive, "
                    + "warmup not negative: " + options);
        }
        pinned = hasTaskset();
        logs = Files.createTempDirectory("http-bench-");
    }

    /**
     * Runs the benchmark and prints the report.
     *
     * @param args see the class documentation
     * @throws Exception if a server or client fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + arg);
            }
            String name = arg.substring(2);
            if (name.equals("smoke")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        new HttpBench(options).run(System.out);
    }

    private void run(PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "HTTP hello benchmark: %d keep-alive connection(s), %.1f s warm-up + %.1f s "
                        + "measured per run, %d round(s), variants %s, %s, JDK %s%n", connections,
                warmupSeconds, durationSeconds, rounds, variants,
                pinned ? "server on CPU 0, client on CPU 1" : "UNPINNED (taskset not found)",
                Runtime.version());
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String variant : variants) {
                Sample sample = runOnce(variant, round);
                samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(sample);
                out.printf(Locale.ROOT, "  round %d %-16s %9.0f req/s   p50 %5d us  p99 %6d us  server %.2f us "
                                + "CPU/msg%n", round, variant, sample.msgsPerSecond(), sample.p50Micros(),
                        sample.p99Micros(), sample.cpuMicrosPerMsg());
            }
        }
        report(out, samples);
    }

    private void report(PrintStream out, Map<String, List<Sample>> samples) {
        double baseline = samples.containsKey(BASELINE)
                ? median(samples.get(BASELINE).stream().mapToDouble(Sample::msgsPerSecond).toArray()) : Double.NaN;
        double baselineCpu = samples.containsKey(BASELINE)
                ? median(samples.get(BASELINE).stream().mapToDouble(Sample::cpuMicrosPerMsg).toArray()) : Double.NaN;
        out.println();
        out.printf(Locale.ROOT, "%-16s %12s %21s %8s %8s %12s %9s %9s%n", "variant", "req/s (med)", "min..max",
                "p50 us", "p99 us", "CPU us/msg", "x netty", "CPU x");
        for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
            List<Sample> list = entry.getValue();
            double[] rates = list.stream().mapToDouble(Sample::msgsPerSecond).toArray();
            double rate = median(rates);
            double cpu = median(list.stream().mapToDouble(Sample::cpuMicrosPerMsg).toArray());
            out.printf(Locale.ROOT, "%-16s %12.0f %10.0f..%-10.0f %8.0f %8.0f %12.2f %9.2f %9.2f%n", entry.getKey(),
                    rate, Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0),
                    median(list.stream().mapToDouble(Sample::p50Micros).toArray()),
                    median(list.stream().mapToDouble(Sample::p99Micros).toArray()),
                    cpu, rate / baseline, baselineCpu / cpu);
        }
        out.println("(x netty: median req/s over the plain Netty HTTP server's; CPU x: Netty's server CPU per message over this "
                + "variant's, i.e. efficiency; a ratio inside the spread is a tie)");
    }

    private Sample runOnce(String variant, int round) throws Exception {
        String tag = variant + "-" + round;
        Process server = launch(0, List.of(TcpBenchServer.class.getName(), variant, Integer.toString(size)),
                logs.resolve(tag + "-server.log"));
        Process client = null;
        try (BufferedReader serverOut = reader(server);
             Writer serverIn = new java.io.OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8)) {
            String port = expect(serverOut, "PORT ", server, tag + "-server.log");
            client = launch(1, List.of(HttpLoadClient.class.getName(), port, Integer.toString(connections),
                            Long.toString(Math.round(warmupSeconds * 1000)),
                            Long.toString(Math.round(durationSeconds * 1000)), "/hello"),
                    logs.resolve(tag + "-client.log"));
            try (BufferedReader clientOut = reader(client)) {
                expect(clientOut, "MEASURING", client, tag + "-client.log");
                long cpuBefore = serverCpu(serverIn, serverOut);
                String result = expect(clientOut, "RESULT ", client, tag + "-client.log");
                long cpuAfter = serverCpu(serverIn, serverOut);
                Map<String, String> fields = new LinkedHashMap<>();
                for (String field : result.trim().split(" ")) {
                    String[] kv = field.split("=");
                    fields.put(kv[0], kv[1]);
                }
                long messages = Long.parseLong(fields.get("msgs"));
                return new Sample(Double.parseDouble(fields.get("msgs_per_s")), Long.parseLong(fields.get("p50_us")),
                        Long.parseLong(fields.get("p99_us")), messages,
                        messages == 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1000.0 / messages);
            }
        } finally {
            if (client != null && !client.waitFor(30, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static long serverCpu(Writer serverIn, BufferedReader serverOut) throws IOException {
        serverIn.write("CPU\n");
        serverIn.flush();
        String line;
        while ((line = serverOut.readLine()) != null) {
            if (line.startsWith("CPU ")) {
                return Long.parseLong(line.substring(4).trim());
            }
        }
        throw new IOException("the server ended before reporting its CPU time");
    }

    private String expect(BufferedReader reader, String prefix, Process process, String log) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IOException("process ended (exit " + waitQuietly(process) + ") before printing " + prefix.trim()
                + "; its output:\n" + Files.readString(logs.resolve(log)));
    }

    private static int waitQuietly(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Process launch(int cpu, List<String> mainAndArgs, Path errorLog) throws IOException {
        List<String> command = new ArrayList<>();
        if (pinned) {
            command.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms256m", "-Xmx256m", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectError(errorLog.toFile()).start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static boolean hasTaskset() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
