package io.aiomisc.services.tcp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The {@link InputStream} and {@link OutputStream} views of a {@link StreamConnection}, sharing its buffers. */
final class ConnectionStreams {
    private ConnectionStreams() {
    }

    /** Reads through the connection's read buffer; closing closes the connection. */
    static final class In extends InputStream {
        private final StreamConnection connection;

        In(StreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return connection.readSome(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return connection.readSome(b, off, len);
        }

        @Override
        public int available() {
            return connection.buffered();
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Writes into the connection's output buffer; {@code flush} drains, closing closes the connection. */
    static final class Out extends OutputStream {
        private final StreamConnection connection;

        Out(StreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public void write(int b) throws IOException {
            connection.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            connection.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            connection.drain();
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
