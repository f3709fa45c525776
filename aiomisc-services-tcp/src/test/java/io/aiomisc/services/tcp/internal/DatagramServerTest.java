package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatagramServerTest {
    private SharedEventLoops.Lease lease;
    private DatagramServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
        if (lease != null) {
            lease.close();
        }
    }

    private DatagramServer create(Transport transport, int maxConcurrency, Duration grace,
                                  DatagramServer.DatagramHandler handler) {
        lease = SharedEventLoops.acquire(new Object(), transport, 1);
        server = new DatagramServer("udp", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of(StandardSocketOptions.SO_RCVBUF, 256 * 1024), maxConcurrency, 65_507, grace, lease.group(), lease.transport(), handler);
        return server;
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static void send(DatagramSocket socket, String text, InetSocketAddress to) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(data, data.length, to));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"AUTO", "NIO"})
    void eachDatagramIsHandledOnAVirtualThreadAndCanBeAnswered(Transport transport) throws Exception {
        Set<Boolean> virtual = ConcurrentHashMap.newKeySet();
        DatagramServer[] self = new DatagramServer[1];
        self[0] = create(transport, 16, Duration.ZERO, (data, sender) -> {
            virtual.add(Thread.currentThread().isVirtual());
            self[0].send(("echo " + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
                    sender).get();
        });
        InetSocketAddress address = server.start();
        try (DatagramSocket client = client()) {
            send(client, "hi", address);
            assertEquals("echo hi", receive(client));
        }
        assertEquals(Set.of(true), virtual, "handlers must run on virtual threads");
    }

    @Test
    void aLargeDatagramArrivesWhole() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        int[] size = {0};
        create(Transport.AUTO, 4, Duration.ZERO, (data, sender) -> {
            size[0] = data.length;
            got.countDown();
        });
        InetSocketAddress address = server.start();
        try (DatagramSocket client = client()) {
            byte[] big = new byte[60_000];
            client.send(new DatagramPacket(big, big.length, address));
        }
        assertTrue(got.await(10, TimeUnit.SECONDS));
        assertEquals(60_000, size[0], "a 60 kB datagram must not be truncated to Netty's 2 kB default");
    }

    @Test
    void noMoreThanMaxConcurrencyHandlersRunAndTheRestWaitInsteadOfBeingLost() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(10);
        create(Transport.AUTO, 2, Duration.ZERO, (data, sender) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoRunning.countDown();
            release.await();
            running.decrementAndGet();
            allDone.countDown();
        });
        InetSocketAddress address = server.start();
        try (DatagramSocket client = client()) {
            for (int i = 0; i < 10; i++) {
                send(client, "d" + i, address);
            }
        }
        assertTrue(twoRunning.await(10, TimeUnit.SECONDS));
        assertEquals(2, running.get(), "with two slots, exactly two handlers must be running");
        release.countDown();
        assertTrue(allDone.await(10, TimeUnit.SECONDS), "datagrams beyond the limit must wait, not vanish; "
                + "still missing: " + allDone.getCount());
        assertEquals(2, peak.get(), "never more than maxConcurrency handlers at once");
    }

    @Test
    void aFailingHandlerDoesNotStopTheServer() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        create(Transport.AUTO, 4, Duration.ZERO, (data, sender) -> {
            if (data[0] == 'x') {
                throw new IllegalStateException("handler bug, expected by the test");
            }
            second.countDown();
        });
        InetSocketAddress address = server.start();
        try (DatagramSocket client = client()) {
            send(client, "x", address);
            send(client, "y", address);
        }
        assertTrue(second.await(10, TimeUnit.SECONDS));
    }

    @Test
    void sendBeforeStartIsAnIllegalStateException() {
        create(Transport.AUTO, 4, Duration.ZERO, (data, sender) -> { });
        assertThrows(IllegalStateException.class,
                () -> server.send(new byte[1], new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
    }

    @Test
    void aHandlerInterruptedByTheStopDuringChannelIoIsNotAFailure() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        DatagramCounters counters = new DatagramCounters();
        lease = SharedEventLoops.acquire(new Object(), Transport.AUTO, 1);
        Pipe pipe = Pipe.open();
        try {
            server = new DatagramServer("udp", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Map.of(),
                    4, 65_507, Duration.ZERO, lease.group(), lease.transport(), (data, sender) -> {
                        started.countDown();
                        // Blocks in interruptible channel I/O: the stop's interrupt ends it with
                        // ClosedByInterruptException, not InterruptedException.
                        pipe.source().read(ByteBuffer.allocate(1));
                    }, counters);
            InetSocketAddress address = server.start();
            try (DatagramSocket client = client()) {
                send(client, "block in I/O", address);
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            server.stop();
            assertEquals(0, counters.snapshot(0).handlerFailures(),
                    "a handler the stop interrupted in channel I/O must not be counted as a handler failure");
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void stopInterruptsHandlersStillRunningAfterTheGracePeriodAndWaitsForThem() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] handler = new Thread[1];
        create(Transport.AUTO, 4, Duration.ofMillis(50), (data, sender) -> {
            handler[0] = Thread.currentThread();
            started.countDown();
            new CountDownLatch(1).await();
        });
        InetSocketAddress address = server.start();
        try (DatagramSocket client = client()) {
            send(client, "wait forever", address);
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        server.stop();
        assertFalse(handler[0].isAlive(), "no handler thread may outlive the stop");
        assertThrows(IllegalStateException.class, () -> server.send(new byte[1], address));
        try (DatagramSocket again = new DatagramSocket(address)) {
            assertEquals(address.getPort(), again.getLocalPort(), "the port must be free after stop");
        }
    }
}
