package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.aiomisc.spi.EntrypointPlugin;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(60)
class SystemdNotifyServiceTest {
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private EventLoopGroup group;
    private Channel receiver;

    /** Does nothing; gives the entrypoint one service to count. */
    static final class Idle extends Service {
        @Override
        protected void start() {
        }
    }

    @BeforeEach
    void needsEpoll() {
        assumeTrue(Epoll.isAvailable(), "unix datagram sockets need epoll");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterEach
    void closeReceiver() {
        if (receiver != null) {
            receiver.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Binds a unix datagram socket, as systemd does, and queues every datagram it gets as text. */
    private void listen(String address) throws InterruptedException {
        receiver = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        received.add(packet.content().toString(StandardCharsets.UTF_8));
                    }
                }).bind(new DomainSocketAddress(address)).sync().channel();
    }

    private static Entrypoint.Builder entrypoint(SystemdNotifyService plugin) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(new Idle(), new Idle())
                .onPreStart(plugin::preStart).onPostStart(plugin::postStart)
                .onPreStop(plugin::preStop).onPostStop(plugin::postStop);
    }

    private List<String> next(int n) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String message = received.poll(10, TimeUnit.SECONDS);
            assertTrue(message != null, "systemd got only " + messages + ", expected " + n + " messages");
            messages.add(message);
        }
        return messages;
    }

    @Test
    void itTellsSystemdTheStatusThenReadyAndStoppingInThisOrder(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify.sock").toString();
        listen(path);
        SystemdNotifyService plugin = new SystemdNotifyService(Map.of("NOTIFY_SOCKET", path), 42);
        try (Entrypoint ignored = entrypoint(plugin).start()) {
            assertEquals(List.of("STATUS=Starting 2 services", "STATUS=Started 2 services", "READY=1"), next(3),
                    "systemd must learn the status, then that the unit is ready");
        }
        assertEquals(List.of("STOPPING=1", "STATUS=Stopping 2 services", "STATUS=Stopped 2 services"), next(3),
                "systemd must learn that the unit stops, then the status");
    }

    @Test
    void theWatchdogIsPettedEveryHalfOfWatchdogUsec(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify.sock").toString();
        listen(path);
        SystemdNotifyService plugin = new SystemdNotifyService(Map.of("NOTIFY_SOCKET", path,
                "WATCHDOG_USEC", "100000", "WATCHDOG_PID", "42"), 42);
        assertTrue(plugin.toString().contains("watchdog every PT0.05S"), plugin.toString());
        try (Entrypoint ignored = entrypoint(plugin).start()) {
            assertEquals(List.of("STATUS=Starting 2 services", "STATUS=Started 2 services", "READY=1",
                    "WATCHDOG=1", "WATCHDOG=1"), next(5), "WATCHDOG=1 must follow READY=1 periodically");
        }
    }

    @Test
    void aWatchdogMeantForAnotherProcessIsLeftAlone() {
        SystemdNotifyService plugin = new SystemdNotifyService(Map.of("NOTIFY_SOCKET", "/run/x",
                "WATCHDOG_USEC", "100000", "WATCHDOG_PID", "7"), 42);
        assertFalse(plugin.toString().contains("watchdog"), "WATCHDOG_PID=7 is not this process: " + plugin);
    }

    @Test
    void anAtSignMeansTheAbstractNamespace() throws Exception {
        String name = "aiomisc-notify-test-" + UUID.randomUUID();
        listen("\0" + name);
        SystemdNotifyService plugin = new SystemdNotifyService(Map.of("NOTIFY_SOCKET", "@" + name), 42);
        try (Entrypoint ignored = entrypoint(plugin).start()) {
            assertEquals(List.of("STATUS=Starting 2 services", "STATUS=Started 2 services", "READY=1"), next(3),
                    "@name must reach the abstract socket 'name'");
        }
        assertEquals(List.of("STOPPING=1", "STATUS=Stopping 2 services", "STATUS=Stopped 2 services"), next(3));
    }

    @Test
    void withoutNotifySocketItDoesNothing() throws Exception {
        SystemdNotifyService plugin = new SystemdNotifyService(Map.of(), 42);
        try (Entrypoint entrypoint = entrypoint(plugin).start()) {
            assertEquals(Entrypoint.State.RUNNING, entrypoint.state());
        }
        assertEquals("SystemdNotifyService[off]", plugin.toString());
    }

    @Test
    void theModuleRegistersItAsAnEntrypointPlugin() {
        ModuleDescriptor descriptor = SystemdNotifyService.class.getModule().getDescriptor();
        assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(EntrypointPlugin.class.getName())
                        && p.providers().contains(SystemdNotifyService.class.getName())),
                "module-info must provide the plugin, was " + descriptor.provides());
    }
}
