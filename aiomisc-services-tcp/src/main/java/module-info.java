/**
 * TCP and UDP services for aiomisc: {@link io.aiomisc.services.tcp.TcpServer} (a blocking stream API on a virtual
 * thread per connection), {@link io.aiomisc.services.tcp.RawTcpServer} (a Netty pipeline per connection),
 * {@link io.aiomisc.services.tcp.UdpServer}, and {@link io.aiomisc.services.tcp.NettyLoop}, the Netty event loops
 * that all Netty services of one entrypoint share; TLS ({@link io.aiomisc.services.tcp.TlsServer},
 * {@link io.aiomisc.services.tcp.TlsClient}), TCP clients ({@link io.aiomisc.services.tcp.TcpClient},
 * {@link io.aiomisc.services.tcp.RobustTcpClient}), the fault-injecting {@link io.aiomisc.services.tcp.TcpProxy},
 * and the systemd notify plugin {@link io.aiomisc.services.tcp.SystemdNotifyService}.
 */
module io.aiomisc.services.tcp {
    requires transitive io.aiomisc;
    // Netty types appear in the API: RawTcpServer.initChannel(SocketChannel), NettyLoop.group().
    requires transitive io.netty.common;
    requires transitive io.netty.buffer;
    requires transitive io.netty.transport;
    requires io.netty.handler;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.io_uring;
    requires org.slf4j;

    exports io.aiomisc.services.tcp;
    // The HTTP module runs on the same connection machinery (tracker, log lines, server lifecycle); no user sees it.
    exports io.aiomisc.services.tcp.internal to io.aiomisc.services.http;

    provides io.aiomisc.spi.EntrypointPlugin with io.aiomisc.services.tcp.SystemdNotifyService;
}
