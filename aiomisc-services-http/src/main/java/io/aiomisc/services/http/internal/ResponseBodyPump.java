package io.aiomisc.services.http.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.io.InputStream;

/** Sends an {@code InputStream} response body, on a virtual thread (never on an event loop). Stateless. */
final class ResponseBodyPump {
    private static final int STREAM_CHUNK = 16 * 1024;

    private ResponseBodyPump() {
    }

    /**
     * On a virtual thread: copies the response stream to the connection, one chunk in flight at a time, and closes
     * the stream.
     *
     * @param engine   the server, for the log
     * @param channel  the connection, whose response head is already written
     * @param stream   the body
     * @param declared the {@code Content-Length} the head announced, or -1
     * @return whether the whole body was sent (and matched {@code declared})
     */
    static boolean copy(HttpEngine engine, Channel channel, InputStream stream, long declared) {
        long sent = 0;
        try (stream) {
            byte[] buffer = new byte[STREAM_CHUNK];
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                if (!channel.isActive()) {
                    return false;
                }
                if (declared >= 0 && sent + n > declared) {
                    // Never past the announced length: the extra bytes would read as the start of another response.
                    int fits = (int) (declared - sent);
                    if (fits > 0) {
                        channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, fits))).await();
                    }
                    engine.log().warn("{}: a response body stream is longer than its Content-Length of {}; "
                            + "connection reset", engine.name(), declared);
                    return false;
                }
                sent += n;
                ChannelFuture f = channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, n)));
                if (!channel.isWritable() && !f.await().isSuccess()) {
                    return false;
                }
            }
            ChannelFuture end = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).await();
            return end.isSuccess() && (declared < 0 || declared == sent);
        } catch (IOException | RuntimeException e) {
            engine.log().warn("{}: reading a response body stream failed after {} bytes; connection reset",
                    engine.name(), sent, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes a body that is not sent (HEAD, 204, 304). */
    static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // The body was not wanted (HEAD, 204); a failing close changes nothing for the client.
        }
    }
}
