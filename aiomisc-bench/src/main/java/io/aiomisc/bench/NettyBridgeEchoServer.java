package io.aiomisc.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The road not taken, kept so the decision can be measured again: the blocking stream API bridged from a Netty
 * pipeline to one virtual thread per connection. The event loop queues what it reads and unparks the
 * connection's virtual thread; the virtual thread's writes go back to the event loop as tasks. That is two
 * thread hand-offs per request/response, against one for JDK sockets on virtual threads (the JDK's poller
 * unparks the reader, which writes itself).
 */
final class NettyBridgeEchoServer {
    private NettyBridgeEchoServer() {
    }

    static TcpBenchServer.Running start(int size) throws InterruptedException {
        return new PlainNettyServer(channel -> {
            Bridge bridge = new Bridge(channel);
            channel.pipeline().addLast(bridge);
            Thread.ofVirtual().start(() -> bridge.echo(size));
        });
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
