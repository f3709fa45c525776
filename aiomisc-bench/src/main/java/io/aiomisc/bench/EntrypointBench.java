package io.aiomisc.bench;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.ServiceManager;
import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * Start and stop of N trivial services: an aiomisc {@link Entrypoint} (logging and signals off) next to
 * Guava's {@link ServiceManager} with N {@link AbstractIdleService}s, the baseline a Java user would pick.
 * Also the stop of an idle entrypoint on its own. Goals: 1000 services in 15 ms or less, an idle stop in 1 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
public class EntrypointBench {

    /** A service with nothing to do: only {@code start}, as a minimal service is written. */
    static final class Trivial extends Service {
        @Override
        protected void start() {
        }
    }

    /** The same with an (empty) {@code stop}, which the entrypoint then calls on a thread of its own. */
    static final class TrivialWithStop extends Service {
        @Override
        protected void start() {
        }

        @Override
        protected void stop(Throwable cause) {
        }
    }

    /** Guava's counterpart of {@link Trivial}. */
    static final class IdleService extends AbstractIdleService {
        @Override
        protected void startUp() {
        }

        @Override
        protected void shutDown() {
        }
    }

    /** The number of services started and stopped per operation. */
    @State(Scope.Benchmark)
    public static class Services {
        @Param({"1", "100", "1000"})
        public int services;

        @Setup(Level.Trial)
        public void quiet() {
            quietLogging();
        }
    }

    /**
     * Keeps the entrypoint's "started in" / "stopped in" INFO lines out of the measurement (logback's default
     * set-up writes every record to the console synchronously); Guava's ServiceManager logs at FINE.
     */
    static void quietLogging() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.aiomisc"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    @Benchmark
    public Entrypoint aiomiscStartStop(Services n) {
        Service[] services = new Service[n.services];
        for (int i = 0; i < services.length; i++) {
            services[i] = new Trivial();
        }
        Entrypoint entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false).services(services).start();
        entrypoint.close();
        return entrypoint;
    }

    @Benchmark
    public Entrypoint aiomiscStartStopWithStop(Services n) {
        Service[] services = new Service[n.services];
        for (int i = 0; i < services.length; i++) {
            services[i] = new TrivialWithStop();
        }
        Entrypoint entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false).services(services).start();
        entrypoint.close();
        return entrypoint;
    }

    @Benchmark
    public ServiceManager guavaStartStop(Services n) throws Exception {
        List<IdleService> services = new ArrayList<>(n.services);
        for (int i = 0; i < n.services; i++) {
            services.add(new IdleService());
        }
        ServiceManager manager = new ServiceManager(services);
        manager.startAsync().awaitHealthy(30, TimeUnit.SECONDS);
        manager.stopAsync().awaitStopped(30, TimeUnit.SECONDS);
        return manager;
    }

    /** An entrypoint without services, started before each stop is measured. */
    @State(Scope.Thread)
    public static class Idle {
        Entrypoint entrypoint;

        @Setup(Level.Trial)
        public void quiet() {
            quietLogging();
        }

        @Setup(Level.Invocation)
        public void start() {
            entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false).start();
        }

        @TearDown(Level.Invocation)
        public void forget() {
            entrypoint = null;
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Entrypoint aiomiscIdleStop(Idle idle) {
        idle.entrypoint.close();
        return idle.entrypoint;
    }
}
