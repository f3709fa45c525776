package io.aiomisc.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
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
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * The round orchestration shared by {@link TcpBench} and {@link HttpBench}: for each round and each variant, one
 * {@link TcpBenchServer} JVM pinned to CPU 0 and one load-client JVM pinned to CPU 1 ({@code taskset}; unpinned
 * with a warning where it is missing); it samples the server's CPU time over the client's measured window and
 * prints per variant the median and spread (min..max) of the rate over the rounds, the median p50/p99 latency,
 * the server's CPU time per message, and the ratios to the baseline variant. Not thread-safe; used from main.
 */
final class LoadRounds {
    /**
     * What differs between the benchmarks.
     *
     * @param logPrefix    prefix of the temporary log directory
     * @param variants     every known variant
     * @param defaults     the variants run when {@code --variants} is absent
     * @param baseline     the variant the ratios compare against
     * @param connections  the default of {@code --connections}
     * @param titlePrefix  the start of the title line, from (connections, size)
     * @param rateUnit     "msgs/s" or "req/s", in the round lines and the table head
     * @param variantWidth the width of the variant column
     * @param footer       the line under the table
     * @param clientMain   the load client's main class
     * @param clientLast   the load client's last argument, from the message size
     */
    record Spec(String logPrefix, List<String> variants, List<String> defaults, String baseline, int connections,
                TitlePrefix titlePrefix, String rateUnit, int variantWidth, String footer, Class<?> clientMain,
                IntFunction<String> clientLast) {
    }

    /** Builds the start of the title line. */
    @FunctionalInterface
    interface TitlePrefix {
        String of(int connections, int size);
    }

    private record Sample(double msgsPerSecond, long p50Micros, long p99Micros, long messages, double cpuMicrosPerMsg) {
    }

    private final Spec spec;
    private final int rounds;
    private final double durationSeconds;
    private final double warmupSeconds;
    private final int connections;
    private final int size;
    private final List<String> variants;
    private final boolean pinned;
    private final Path logs;

    private LoadRounds(Spec spec, Map<String, String> options) throws IOException {
        this.spec = spec;
        boolean smoke = options.containsKey("smoke");
        rounds = Integer.parseInt(options.getOrDefault("rounds", smoke ? "1" : "3"));
        durationSeconds = Double.parseDouble(options.getOrDefault("duration", smoke ? "1" : "5"));
        warmupSeconds = Double.parseDouble(options.getOrDefault("warmup", smoke ? "0.5" : "2"));
        connections = Integer.parseInt(options.getOrDefault("connections", Integer.toString(spec.connections())));
        size = Integer.parseInt(options.getOrDefault("size", "64"));
        variants = options.containsKey("variants")
                ? Arrays.asList(options.get("variants").split(",")) : spec.defaults();
        for (String variant : variants) {
            if (!spec.variants().contains(variant)) {
                throw new IllegalArgumentException("unknown variant " + variant + "; known: " + spec.variants());
            }
        }
        if (rounds < 1 || durationSeconds <= 0 || warmupSeconds < 0 || connections < 1 || size < 1) {
            throw new IllegalArgumentException("rounds, duration, connections and size must be positive, "
                    + "warmup not negative: " + options);
        }
        pinned = hasTaskset();
        logs = Files.createTempDirectory(spec.logPrefix());
    }

    /**
     * Parses {@code --name value} pairs and the flag {@code --smoke}, runs every round and prints the report.
     *
     * @throws IllegalArgumentException if an argument or option value is malformed
     * @throws Exception                if a server or client fails
     */
    static void main(Spec spec, String[] args, PrintStream out) throws Exception {
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
        new LoadRounds(spec, options).run(out);
    }

    private void run(PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%s%.1f s warm-up + %.1f s measured per run, %d round(s), variants %s, %s, JDK %s%n",
                spec.titlePrefix().of(connections, size), warmupSeconds, durationSeconds, rounds, variants,
                pinned ? "server on CPU 0, client on CPU 1" : "UNPINNED (taskset not found)",
                Runtime.version());
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String variant : variants) {
                Sample sample = runOnce(variant, round);
                samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(sample);
                out.printf(Locale.ROOT, "  round %d %-" + spec.variantWidth() + "s %9.0f %-7s p50 %5d us  p99 %6d us"
                                + "  server %.2f us CPU/msg%n", round, variant, sample.msgsPerSecond(),
                        spec.rateUnit(), sample.p50Micros(), sample.p99Micros(), sample.cpuMicrosPerMsg());
            }
        }
        report(out, samples);
    }

    private void report(PrintStream out, Map<String, List<Sample>> samples) {
        List<Sample> base = samples.get(spec.baseline());
        double baseline = base != null ? median(base, Sample::msgsPerSecond) : Double.NaN;
        double baselineCpu = base != null ? median(base, Sample::cpuMicrosPerMsg) : Double.NaN;
        String variantColumn = "%-" + spec.variantWidth() + "s";
        out.println();
        out.printf(Locale.ROOT, variantColumn + " %12s %21s %8s %8s %12s %9s %9s%n", "variant",
                spec.rateUnit() + " (med)", "min..max", "p50 us", "p99 us", "CPU us/msg", "x netty", "CPU x");
        for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
            List<Sample> list = entry.getValue();
            double[] rates = list.stream().mapToDouble(Sample::msgsPerSecond).toArray();
            double rate = median(rates);
            double cpu = median(list, Sample::cpuMicrosPerMsg);
            out.printf(Locale.ROOT, variantColumn + " %12.0f %10.0f..%-10.0f %8.0f %8.0f %12.2f %9.2f %9.2f%n",
                    entry.getKey(), rate, Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0),
                    median(list, Sample::p50Micros), median(list, Sample::p99Micros),
                    cpu, rate / baseline, baselineCpu / cpu);
        }
        out.println(spec.footer());
    }

    private Sample runOnce(String variant, int round) throws Exception {
        String tag = variant + "-" + round;
        Process server = launch(0, List.of(TcpBenchServer.class.getName(), variant, Integer.toString(size)),
                logs.resolve(tag + "-server.log"));
        Process client = null;
        try (BufferedReader serverOut = reader(server);
             Writer serverIn = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8)) {
            String port = expect(serverOut, "PORT ", server, tag + "-server.log");
            client = launch(1, List.of(spec.clientMain().getName(), port, Integer.toString(connections),
                            Long.toString(Math.round(warmupSeconds * 1000)),
                            Long.toString(Math.round(durationSeconds * 1000)), spec.clientLast().apply(size)),
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

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> field) {
        return median(samples.stream().mapToDouble(field).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
