package io.aiomisc.services.tcp.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.aiomisc.services.tcp.NettyLoop;
import io.aiomisc.services.tcp.RawTcpServer;
import io.aiomisc.services.tcp.TcpClient;
import io.aiomisc.services.tcp.TcpConnection;
import io.aiomisc.services.tcp.TcpProxy;
import io.aiomisc.services.tcp.TcpServer;
import io.aiomisc.services.tcp.TlsConfig;
import io.aiomisc.services.tcp.TlsServer;
import io.aiomisc.services.tcp.Transport;
import io.aiomisc.services.tcp.UdpServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The code blocks of docs/tcp.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class TcpSnippets {
    private TcpSnippets() {
    }

    static void tcpServer() throws InterruptedException {
        // tag::tcp-server[]
        class EchoServer extends TcpServer {
            EchoServer() {
                super("127.0.0.1", 0);                      // port 0: an unused port
            }

            @Override
            protected void handleClient(TcpConnection connection) throws IOException {
                String line;
                while ((line = connection.readLine()) != null) {   // null at end of stream
                    connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    connection.drain();
                }
            }
        }

        EchoServer server = new EchoServer();
        try (Entrypoint entrypoint = Entrypoint.builder().services(server).start()) {
            InetSocketAddress address = server.localAddress();   // the real port, after the start
            System.out.println("echo server on " + address);
            entrypoint.awaitTermination();                       // until SIGINT, SIGTERM or stop()
        }
        // end::tcp-server[]
    }

    static TcpServer options() {
        // tag::options[]
        TcpServer server = new TcpServer("0.0.0.0", 8000, TcpServer.Options.defaults()
                .withMaxConnections(10_000)
                .withGracePeriod(Duration.ofSeconds(2))
                .withSocketOption(StandardSocketOptions.SO_KEEPALIVE, true)) {
            @Override
            protected void handleClient(TcpConnection connection) throws IOException {
                connection.write("hello\n".getBytes(StandardCharsets.UTF_8));
            }
        };
        // end::options[]
        return server;
    }

    /** Writes back what it reads; one instance serves every connection. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            context.writeAndFlush(message);
        }
    }

    static RawTcpServer raw() {
        // tag::raw[]
        class Echo extends RawTcpServer {
            Echo() {
                super("127.0.0.1", 0);
            }

            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new EchoHandler());    // runs on an event loop: never block here
            }
        }
        // end::raw[]
        return new Echo();
    }

    static UdpServer udp() {
        // tag::udp[]
        class Echo extends UdpServer {
            Echo() {
                super("127.0.0.1", 0);
            }

            @Override
            protected void handleDatagram(byte[] data, InetSocketAddress sender) {
                send(data, sender);                               // CompletableFuture<Void>; never blocks
            }
        }
        // end::udp[]
        return new Echo();
    }

    static TlsServer tls() {
        // tag::tls[]
        TlsConfig tls = TlsConfig.builder()
                .certificate(Path.of("server.crt"), Path.of("server.key"))  // PEM chain (leaf first) + PKCS#8 PEM key
                // or .pkcs12(Path.of("server.p12"), password)
                .trust(Path.of("clients-ca.crt"))                           // CAs for the peer; default: the JDK's
                .clientAuth(TlsConfig.ClientAuth.REQUIRED)                  // NONE (default), OPTIONAL, REQUIRED
                .build();

        class SecureEcho extends TlsServer {
            SecureEcho(TlsConfig tls) {
                super("0.0.0.0", 8443, tls);
            }

            @Override
            protected void handleClient(TcpConnection connection) throws IOException {
                connection.inputStream().transferTo(connection.outputStream());   // as for TcpServer
            }
        }
        // end::tls[]
        return new SecureEcho(tls);
    }

    static TcpClient client() {
        // tag::client[]
        class Pinger extends TcpClient {
            private static final Logger LOG = LoggerFactory.getLogger(Pinger.class);

            Pinger() {
                super("db.internal", 5000);                       // TcpClient.Options for more
            }

            @Override
            protected void handleConnection(TcpConnection connection) throws IOException {
                connection.write("PING\n".getBytes(UTF_8));
                LOG.info("got {}", connection.readLine());
            }
        }
        // end::client[]
        return new Pinger();
    }

    @SuppressWarnings("try") // the try block holds the slowdown handle without using it: that is the idiom
    static void proxy(Entrypoint entrypoint, TcpServer server, Runnable clientUnderTest) throws Exception {
        // tag::proxy[]
        TcpProxy proxy = new TcpProxy("127.0.0.1", server.localAddress().getPort());   // listens on 127.0.0.1:0
        entrypoint.startServices(proxy);
        // point the client under test at proxy.localAddress(), then:
        proxy.setDelay(Duration.ofMillis(200), Duration.ZERO);   // client->server chunks wait 200 ms, live
        try (AutoCloseable slow = proxy.slowdown(Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            clientUnderTest.run();                                // 1 s each way; the earlier delays restored after
        }
        proxy.setBandwidthLimit(10_000);                          // bytes per second per direction and connection
        proxy.setContentProcessors(chunk -> rewrite(chunk), null);  // per direction; null = pass-through
        proxy.disconnectAll();                                    // every client reads end of stream
        proxy.setRefusing(true);                                  // new connections are reset, open ones go on
        proxy.bytes(TcpProxy.Direction.CLIENT_TO_SERVER);         // bytes passed on, after processors
        // end::proxy[]
    }

    private static byte[] rewrite(byte[] chunk) {
        return new String(chunk, UTF_8).replace("ping", "pong").getBytes(UTF_8);
    }

    static Entrypoint nettyOptions(Service... services) {
        // tag::netty-options[]
        Entrypoint entrypoint = Entrypoint.builder()
                .set(NettyLoop.TRANSPORT, Transport.NIO)   // AUTO (default): epoll when it loads, else NIO
                .set(NettyLoop.THREADS, 2)                 // 0 (default): Netty's 2 x available processors
                .services(services)
                .start();
        // end::netty-options[]
        return entrypoint;
    }

    /** Sends one line with a Netty client of its own, on the entrypoint's event loops. */
    static final class NettyPinger extends Service {
        @Override
        protected void start() throws Exception {
            // tag::netty-loop[]
            try (NettyLoop loop = NettyLoop.acquire(entrypoint())) {
                Channel channel = new Bootstrap().group(loop.group()).channel(loop.socketChannelType())
                        .handler(new ChannelInboundHandlerAdapter())      // your pipeline
                        .connect("127.0.0.1", 7000).sync().channel();
                channel.writeAndFlush(Unpooled.copiedBuffer("PING\n", UTF_8)).sync();
                channel.close().sync();                                   // close the channels before the loop
            }
            // end::netty-loop[]
        }
    }
}
