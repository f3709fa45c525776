package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.Transport;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedEventLoopsTest {
    @Test
    void leasesOfOneOwnerShareOneGroupThatTheLastReleaseShutsDown() throws Exception {
        Object owner = new Object();
        SharedEventLoops.Lease first = SharedEventLoops.acquire(owner, Transport.NIO, 1);
        SharedEventLoops.Lease second = SharedEventLoops.acquire(owner, Transport.NIO, 1);
        assertSame(first.group(), second.group(), "two services of one entrypoint must share the event loops");
        first.close();
        first.close();
        assertFalse(second.group().isShuttingDown(), "the group must live while a lease is held; "
                + "closing a lease twice must not release twice");
        assertTrue(SharedEventLoops.hasGroup(owner));
        second.close();
        assertTrue(second.group().isTerminated(), "the last release must shut the group down and wait for it");
        assertFalse(SharedEventLoops.hasGroup(owner));
    }

    @Test
    void differentOwnersGetDifferentGroups() throws Exception {
        try (SharedEventLoops.Lease a = SharedEventLoops.acquire(new Object(), Transport.NIO, 1);
             SharedEventLoops.Lease b = SharedEventLoops.acquire(new Object(), Transport.NIO, 1)) {
            assertNotSame(a.group(), b.group(), "two entrypoints must never share event loops");
        }
    }

    @Test
    void aGroupIsCreatedAgainAfterTheLastReleaseWhenNeededAgain() throws Exception {
        Object owner = new Object();
        SharedEventLoops.Lease first = SharedEventLoops.acquire(owner, Transport.NIO, 1);
        first.close();
        try (SharedEventLoops.Lease again = SharedEventLoops.acquire(owner, Transport.NIO, 1)) {
            assertNotSame(first.group(), again.group());
            assertFalse(again.group().isShuttingDown());
        }
    }

    @Test
    void autoChoosesEpollWhenItLoadsAndNioOtherwise() throws Exception {
        try (SharedEventLoops.Lease lease = SharedEventLoops.acquire(new Object(), Transport.AUTO, 1)) {
            assertEquals(Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO, lease.transport().transport());
        }
    }

    @Test
    void ioUringIsUsedWhenAskedForAndAvailable() throws Exception {
        assumeTrue(IoUring.isAvailable(), "io_uring is not available on this machine");
        try (SharedEventLoops.Lease lease = SharedEventLoops.acquire(new Object(), Transport.IO_URING, 1)) {
            assertEquals(Transport.IO_URING, lease.transport().transport());
            assertEquals("IoUringServerSocketChannel", lease.transport().serverChannelType().getSimpleName());
        }
    }

    @Test
    void anUnavailableNativeTransportFailsWithTheReason() {
        assumeTrue(!IoUring.isAvailable(), "io_uring is available here, so it cannot fail");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SharedEventLoops.acquire(new Object(), Transport.IO_URING, 1));
        assertTrue(e.getMessage().contains("io_uring"), e.getMessage());
    }

    @Test
    void theThreadCountIsHonouredAndNegativeCountsAreRejected() throws Exception {
        try (SharedEventLoops.Lease lease = SharedEventLoops.acquire(new Object(), Transport.NIO, 3)) {
            int loops = 0;
            for (EventExecutor ignored : lease.group()) {
                loops++;
            }
            assertEquals(3, loops);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedEventLoops.acquire(new Object(), Transport.NIO, -1));
        assertEquals("threads must be >= 0 (0: Netty's default), was -1", e.getMessage());
    }

    @Test
    void eventLoopThreadsInheritTheAcquiringThreadsInheritableThreadLocals() throws Exception {
        InheritableThreadLocal<String> binding = new InheritableThreadLocal<>();
        binding.set("entrypoint-7");
        try (SharedEventLoops.Lease lease = SharedEventLoops.acquire(new Object(), Transport.NIO, 2)) {
            binding.remove();
            for (EventExecutor loop : lease.group()) {
                assertEquals("entrypoint-7", loop.submit(binding::get).get(),
                        "every event loop thread must see the entrypoint that created the group");
            }
        }
    }
}
