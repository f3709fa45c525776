package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class UdpServerTest {
    private static Entrypoint.Builder entrypoint(UdpServer server) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(server);
    }

    private static DatagramSocket client() throws Exception {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(10_000);
        return socket;
    }

    static class Echo extends UdpServer {
        Echo(Options options) {
            super("127.0.0.1", 0, options);
        }

        @Override
        protected void handleDatagram(byte[] data, InetSocketAddress sender) throws Exception {
            send(data, sender).get();
        }
    }

    @Test
    void answersEachDatagramFromAVirtualThreadThatSeesItsEntrypoint() throws Exception {
        CompletableFuture<Object[]> seen = new CompletableFuture<>();
        UdpServer server = new UdpServer("127.0.0.1", 0) {
            @Override
            protected void handleDatagram(byte[] data, InetSocketAddress sender) throws Exception {
                seen.complete(new Object[] {Thread.currentThread().isVirtual(), Entrypoint.current().orElse(null)});
                send(data, sender).get();
            }
        };
        try (Entrypoint entrypoint = entrypoint(server).start();
             Entrypoint ignored = Entrypoint.builder().logConfig(false).catchSignals(false).start();
             DatagramSocket client = client()) {
            client.send(new DatagramPacket(new byte[] {42}, 1, server.localAddress()));
            DatagramPacket answer = new DatagramPacket(new byte[8], 8);
            client.receive(answer);
            assertEquals(1, answer.getLength());
            assertEquals(42, answer.getData()[0]);
            Object[] values = seen.get(10, TimeUnit.SECONDS);
            assertEquals(true, values[0], "handlers run on virtual threads");
            assertSame(entrypoint, values[1], "Entrypoint.current() in a handler is the server's entrypoint");
        }
    }

    @Test
    void sendingBeforeTheStartOrAfterTheStopIsAnIllegalStateException() throws Exception {
        Echo server = new Echo(UdpServer.Options.defaults());
        InetSocketAddress somewhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> server.send(new byte[1], somewhere));
        assertEquals("Echo[NEW, 127.0.0.1:0] cannot send before it started", early.getMessage());
        try (Entrypoint ignored = entrypoint(server).start()) {
            server.send(new byte[1], somewhere).get(10, TimeUnit.SECONDS);
        }
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> server.send(new byte[1], somewhere));
        assertTrue(late.getMessage().endsWith("cannot send after it stopped"), late.getMessage());
    }

    @Test
    void maxDatagramSizeTruncatesLongerDatagrams() throws Exception {
        CompletableFuture<Integer> size = new CompletableFuture<>();
        UdpServer server = new UdpServer("127.0.0.1", 0, UdpServer.Options.defaults().withMaxDatagramSize(10)) {
            @Override
            protected void handleDatagram(byte[] data, InetSocketAddress sender) {
                size.complete(data.length);
            }
        };
        try (Entrypoint ignored = entrypoint(server).start(); DatagramSocket client = client()) {
            client.send(new DatagramPacket(new byte[100], 100, server.localAddress()));
            assertEquals(10, size.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void maxConcurrencyBoundsTheHandlersRunningAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(3);
        int[] running = {0};
        int[] peak = {0};
        java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        UdpServer server = new UdpServer("127.0.0.1", 0, UdpServer.Options.defaults().withMaxConcurrency(1)) {
            @Override
            protected void handleDatagram(byte[] data, InetSocketAddress sender) throws Exception {
                lock.lock();
                try {
                    peak[0] = Math.max(peak[0], ++running[0]);
                } finally {
                    lock.unlock();
                }
                firstRunning.countDown();
                release.await();
                lock.lock();
                try {
                    running[0]--;
                } finally {
                    lock.unlock();
                }
                allDone.countDown();
            }
        };
        try (Entrypoint ignored = entrypoint(server).start(); DatagramSocket client = client()) {
            for (int i = 0; i < 3; i++) {
                client.send(new DatagramPacket(new byte[] {(byte) i}, 1, server.localAddress()));
            }
            assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
            release.countDown();
            assertTrue(allDone.await(10, TimeUnit.SECONDS), "the waiting datagrams are handled afterwards");
            assertEquals(1, peak[0], "with maxConcurrency 1 handlers never overlap");
        }
    }

    @Test
    void theStopInterruptsAHandlerStillRunningAfterTheGracePeriod() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Thread> handler = new CompletableFuture<>();
        UdpServer server = new UdpServer("127.0.0.1", 0,
                UdpServer.Options.defaults().withGracePeriod(Duration.ofMillis(50))) {
            @Override
            protected void handleDatagram(byte[] data, InetSocketAddress sender) throws Exception {
                handler.complete(Thread.currentThread());
                started.countDown();
                new CountDownLatch(1).await();
            }
        };
        try (Entrypoint ignored = entrypoint(server).start(); DatagramSocket client = client()) {
            client.send(new DatagramPacket(new byte[1], 1, server.localAddress()));
            assertTrue(started.await(10, TimeUnit.SECONDS));
        }
        assertFalse(handler.get().isAlive(), "no handler thread outlives the stop");
    }

    @Test
    void optionsValidateEagerlyAndAnUnsupportedSocketOptionFailsTheStart() {
        UdpServer.Options defaults = UdpServer.Options.defaults();
        assertEquals(1024, defaults.maxConcurrency());
        assertEquals(65_507, defaults.maxDatagramSize());
        assertEquals(Duration.ofSeconds(5), defaults.gracePeriod());
        assertEquals("maxConcurrency must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> defaults.withMaxConcurrency(0)).getMessage());
        assertEquals("maxDatagramSize must be in 1..65535, was 70000",
                assertThrows(IllegalArgumentException.class, () -> defaults.withMaxDatagramSize(70_000))
                        .getMessage());
        SocketOption<Boolean> madeUp = new SocketOption<>() {
            @Override
            public String name() {
                return "MADE_UP";
            }

            @Override
            public Class<Boolean> type() {
                return Boolean.class;
            }
        };
        Echo server = new Echo(defaults.withSocketOption(madeUp, true));
        Exception failure = assertThrows(Exception.class, () -> entrypoint(server).start());
        assertTrue(String.valueOf(failure.getCause()).contains("MADE_UP is not supported"),
                String.valueOf(failure.getCause()));
    }
}
