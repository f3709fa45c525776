package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.IncompleteReadException;
import io.aiomisc.services.tcp.LimitOverrunException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamConnectionTest {
    private static final int LIMIT = 1024;

    private ServerSocketChannel listener;
    private Peer peer;
    private StreamConnection connection;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = new Peer((InetSocketAddress) listener.getLocalAddress());
        SocketChannel accepted = listener.accept();
        connection = new StreamConnection(accepted, LIMIT);
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        peer.close();
        listener.close();
    }

    @Test
    void readReturnsWhatIsBufferedUpToMaxAndEmptyAtEndOfStream() throws IOException {
        peer.send("hello");
        peer.socket.shutdownOutput();
        assertEquals("hel", text(connection.read(3)), "read(3) must return the first three bytes");
        assertEquals("lo", text(connection.read(100)), "read(100) must return the rest, not wait for 100 bytes");
        assertEquals(0, connection.read(10).length, "read at end of stream must return an empty array");
        assertEquals(0, connection.read(10).length, "end of stream must stay end of stream");
    }

    @Test
    void readExactlyWaitsForAllBytesAcrossSegments() throws Exception {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> call(() -> connection.readExactly(6)));
        peer.send("abc");
        peer.send("def");
        assertEquals("abcdef", text(read.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void readExactlyReportsThePartialDataWhenTheStreamEnds() throws IOException {
        peer.send("abc");
        peer.socket.shutdownOutput();
        IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> connection.readExactly(5));
        assertEquals("abc", text(e.partial()), "the exception must carry the bytes that did arrive");
        assertEquals(5, e.expected());
    }

    @Test
    void readLineStripsTheTerminatorAndReturnsTheLastUnterminatedLineThenNull() throws IOException {
        peer.send("one\ntwo\r\nthree");
        peer.socket.shutdownOutput();
        assertEquals("one", connection.readLine());
        assertEquals("two", connection.readLine(), "\\r\\n must be stripped as a whole");
        assertEquals("three", connection.readLine(), "the unterminated last line must be returned at EOF");
        assertNull(connection.readLine(), "after the last line readLine must return null");
    }

    @Test
    void readLineDecodesUtf8() throws IOException {
        peer.send("größe ✓\n");
        assertEquals("größe ✓", connection.readLine());
    }

    @Test
    void readLineOverTheLimitFailsAndDiscardsWhatItLookedAt() throws IOException {
        byte[] longLine = new byte[LIMIT + 10];
        Arrays.fill(longLine, (byte) 'x');
        peer.send(longLine);
        peer.send("\nnext\n");
        LimitOverrunException e = assertThrows(LimitOverrunException.class, connection::readLine);
        assertEquals(LIMIT, e.limit());
        assertEquals("xxxxxxxxxx", connection.readLine(), "the bytes past the limit are the next line's start");
        assertEquals("next", connection.readLine(), "the connection must stay usable after the overrun");
    }

    @Test
    void aLineOfExactlyTheLimitIncludingItsTerminatorIsAccepted() throws IOException {
        byte[] line = new byte[LIMIT];
        Arrays.fill(line, (byte) 'y');
        line[LIMIT - 1] = '\n';
        peer.send(line);
        assertEquals(LIMIT - 1, connection.readLine().length());
    }

    @Test
    void readUntilIncludesTheSeparatorAndFindsItAcrossSegments() throws Exception {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(
                () -> call(() -> connection.readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        peer.send("head\r\n");
        peer.send("\r\nbody");
        assertEquals("head\r\n\r\n", text(read.get(10, TimeUnit.SECONDS)));
        assertEquals("body", text(connection.read(10)), "bytes after the separator must stay buffered");
    }

    @Test
    void readUntilAtEndOfStreamReportsWhatCame() throws IOException {
        peer.send("no separator");
        peer.socket.shutdownOutput();
        IncompleteReadException e = assertThrows(IncompleteReadException.class,
                () -> connection.readUntil(new byte[] {';'}));
        assertEquals("no separator", text(e.partial()));
        assertEquals(-1, e.expected());
    }

    @Test
    void readUntilRejectsAnEmptySeparator() {
        assertThrows(IllegalArgumentException.class, () -> connection.readUntil(new byte[0]));
    }

    @Test
    void writeBuffersUntilDrain() throws IOException {
        connection.write("ping".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, peer.in.available(), "write must only buffer");
        connection.drain();
        assertEquals("ping", peer.receive("ping"));
    }

    @Test
    void pendingOutputIsFlushedBeforeAReadWaitsForThePeer() throws IOException {
        connection.write("question\n".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> call(connection::readLine));
        assertEquals("question\n", peer.receive("question\n"),
                "a handler that writes and then reads must not need drain() to be heard");
        peer.send("answer\n");
        assertEquals("answer", answer.join());
    }

    @Test
    void writeEofHalfClosesAndTheConnectionCanStillRead() throws IOException {
        connection.write("bye".getBytes(StandardCharsets.UTF_8));
        connection.writeEof();
        assertEquals("bye", new String(peer.receiveAll(), StandardCharsets.UTF_8),
                "the peer must read the data and then end of stream");
        peer.send("still here\n");
        assertEquals("still here", connection.readLine());
    }

    @Test
    void closeFlushesPendingOutputAndIsIdempotent() throws IOException {
        connection.write("last words".getBytes(StandardCharsets.UTF_8));
        connection.close();
        connection.close();
        assertTrue(connection.isClosed());
        assertEquals("last words", new String(peer.receiveAll(), StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> connection.read(1), "reading a closed connection must fail");
        assertThrows(IOException.class, () -> connection.write(new byte[1]));
    }

    @Test
    void abortDropsPendingOutputAndFailsABlockedRead() throws Exception {
        connection.write("never sent".getBytes(StandardCharsets.UTF_8));
        Blocking<byte[]> read = Blocking.start(() -> connection.read(1));
        read.awaitBlocked();
        connection.abort();
        assertTrue(connection.isAborted());
        Exception e = assertThrows(Exception.class, () -> read.result().get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IOException, "a blocked read must fail with an IOException, was " + e);
    }

    @Test
    void streamsShareTheBuffers() throws IOException {
        peer.send("ab\ncd");
        assertEquals('a', connection.inputStream().read());
        assertEquals("b", connection.readLine());
        byte[] two = new byte[2];
        assertEquals(2, connection.inputStream().read(two));
        assertEquals("cd", text(two));
        connection.outputStream().write("xy".getBytes(StandardCharsets.UTF_8));
        connection.outputStream().flush();
        assertEquals("xy", peer.receive("xy"));
    }

    @Test
    void aHandlerThatDoesNotReadClosesThePeersWindow() throws IOException {
        // The peer writes without blocking until the kernel refuses more: that only happens when the connection
        // leaves the data unread, i.e. back-pressure reaches the sender.
        try (SocketChannel sender = SocketChannel.open(listener.getLocalAddress())) {
            sender.configureBlocking(false);
            try (StreamConnection slow = new StreamConnection(listener.accept(), LIMIT)) {
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                long sent = 0;
                int zeroWrites = 0;
                while (zeroWrites < 3 && sent < 512L * 1024 * 1024) {
                    chunk.clear();
                    int n = sender.write(chunk);
                    sent += n;
                    zeroWrites = n == 0 ? zeroWrites + 1 : 0;
                }
                assertEquals(3, zeroWrites, "the sender was never blocked: " + sent + " bytes accepted");
                long received = 0;
                sender.configureBlocking(true);
                sender.shutdownOutput();
                byte[] got;
                while ((got = slow.read(64 * 1024)).length > 0) {
                    received += got.length;
                }
                assertEquals(sent, received, "every byte the sender got rid of must reach the reader");
            }
        }
    }

    @Test
    void drainBlocksWhileThePeerDoesNotReadAndReturnsOnceItDoes() throws Exception {
        byte[] chunk = new byte[LIMIT];
        Blocking<Long> writer = Blocking.start(() -> {
            long total = 0;
            // Far more than the kernel buffers of both sides hold: the writes must block until the peer reads.
            for (int i = 0; i < 16 * 1024; i++) {
                connection.write(chunk);
                total += chunk.length;
            }
            connection.drain();
            return total;
        });
        writer.awaitBlocked();
        assertFalse(writer.result().isDone(), "drain returned although the peer had not read 16 MiB");
        long read = 0;
        byte[] sink = new byte[64 * 1024];
        while (read < 16L * 1024 * LIMIT) {
            int n = peer.in.read(sink);
            if (n < 0) {
                throw new AssertionError("end of stream after " + read + " bytes; writer: " + writer.result());
            }
            read += n;
        }
        assertEquals(16L * 1024 * LIMIT, writer.result().get(10, TimeUnit.SECONDS));
    }

    @Test
    void remoteAndLocalAddressesAreTheSocketsAddresses() throws IOException {
        assertEquals(peer.socket.getLocalSocketAddress(), connection.remoteAddress());
        assertEquals(peer.socket.getRemoteSocketAddress(), connection.localAddress());
        assertEquals(LIMIT, connection.limit());
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> connection.read(0));
        assertThrows(IllegalArgumentException.class, () -> connection.readExactly(-1));
        assertThrows(NullPointerException.class, () -> connection.write(null));
        assertThrows(IllegalArgumentException.class, () -> new StreamConnection(SocketChannel.open(), 0));
    }

    @Test
    void tcpNoDelayIsUntouchedByTheConnection() throws IOException {
        try (SocketChannel channel = SocketChannel.open(listener.getLocalAddress());
             SocketChannel accepted = listener.accept()) {
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            new StreamConnection(accepted, LIMIT);
            assertTrue(accepted.getOption(StandardSocketOptions.TCP_NODELAY));
            assertTrue(channel.isConnected());
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static <T> T call(Blocking.IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
