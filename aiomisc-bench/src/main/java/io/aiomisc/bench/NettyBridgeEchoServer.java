package io.aiomisc.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The road not taken, kept so the decision can be measured again: the blocking stream API bridged from a Netty
 * pipeline to one virtual thread per connection. The event loop queues what it reads and unparks the
 * connection's virtual thread; the virtual thread's writes go back to the event loop as tasks. That is two
 * thread hand-offs per request/response, against one for JDK sockets on virtual threads (the JDK's poller
 * unparks the reader, which writes itself).
 */
final class NettyBridgeEchoServer implements TcpBenchServer.Running {
    private final EventLoopGroup group;
    private final Channel listener;

    NettyBridgeEchoServer(int size) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        listener = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Bridge bridge = new Bridge(channel);
                        channel.pipeline().addLast(bridge);
                        Thread.ofVirtual().start(() -> bridge.echo(size));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        listener.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** The bridge of one connection: a lock-free queue from the event loop to the connection's virtual thread. */
    private static final class Bridge extends ChannelInboundHandlerAdapter {
        private final Channel channel;
        private final ConcurrentLinkedQueue<ByteBuf> inbound = new ConcurrentLinkedQueue<>();
        private volatile Thread waiter;
        private volatile boolean ended;
        private ByteBuf current;

        Bridge(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            inbound.add((ByteBuf) msg);
            wake();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended = true;
            wake();
        }

        private void wake() {
            Thread thread = waiter;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }

        void echo(int size) {
            try {
                byte[] message;
                while ((message = readExactly(size)) != null) {
                    channel.writeAndFlush(Unpooled.wrappedBuffer(message), channel.voidPromise());
                }
            } finally {
                channel.close();
            }
        }

        private byte[] readExactly(int n) {
            byte[] result = new byte[n];
            int got = 0;
            while (got < n) {
                if (current == null || !current.isReadable()) {
                    if (current != null) {
                        current.release();
                    }
                    current = next();
                    if (current == null) {
                        return null;
                    }
                }
                int chunk = Math.min(n - got, current.readableBytes());
                current.readBytes(result, got, chunk);
                got += chunk;
            }
            return result;
        }

        private ByteBuf next() {
            ByteBuf buffer;
            while ((buffer = inbound.poll()) == null) {
                if (ended) {
                    return null;
                }
                waiter = Thread.currentThread();
                if (inbound.isEmpty() && !ended) {
                    LockSupport.park(this);
                }
                waiter = null;
            }
            return buffer;
        }
    }
}
