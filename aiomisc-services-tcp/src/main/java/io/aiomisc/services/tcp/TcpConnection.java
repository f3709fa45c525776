package io.aiomisc.services.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * One accepted TCP connection, read and written with blocking calls: asyncio's {@code StreamReader} and
 * {@code StreamWriter} in Java shape, meant for the virtual thread that {@link TcpServer} runs per connection.
 *
 * <p><b>Reading.</b> Every read returns bytes already buffered when there are any, and otherwise blocks until the
 * peer sends more or closes its side. A slow reader is back-pressure: while the handler does not read, the
 * connection does not take more from the socket than its buffer holds, so the kernel's window closes and the
 * peer's writes block. Lines and separators are looked for within {@link #limit()} bytes (64 KiB unless the
 * server's options say otherwise).
 *
 * <p><b>Writing.</b> {@link #write(byte[])} appends to an output buffer and returns; the buffer goes to the
 * socket on {@link #drain()}, on {@link #close()}, whenever it grows past {@link #limit()}, and before any read
 * has to wait for the peer, so request/response code that writes and then reads needs no explicit drain.
 * {@link #drain()} blocks until the kernel has taken everything written so far; when the peer reads slowly it
 * blocks for as long as the peer's window is closed (back-pressure).
 *
 * <p><b>Thread-safety.</b> One thread may read while another writes. Concurrent reads, or concurrent writes,
 * from several threads are serialised and their order is unspecified. {@link #close()} may be called from any
 * thread; reads and writes blocked at that moment fail with an {@link IOException}.
 *
 * <p>Interrupting a thread blocked in a read or a drain closes the connection (the JDK's rule for socket I/O on
 * virtual threads), and the call throws an {@link IOException}.
 */
public interface TcpConnection extends AutoCloseable {
    /** The default limit for {@link #readLine()}, {@link #readUntil(byte[])} and the output buffer: 64 KiB. */
    int DEFAULT_LIMIT = 64 * 1024;

    /**
     * Reads up to {@code max} bytes (asyncio {@code read(n)}): what is buffered, or, if nothing is, what the next
     * read from the socket brings. Blocks until at least one byte arrived or the peer closed its side.
     *
     * @param max the most bytes to return, at least 1
     * @return between 1 and {@code max} bytes, or an empty array at end of stream
     * @throws IllegalArgumentException if {@code max < 1}
     * @throws IOException              if the connection failed or was closed locally
     */
    byte[] read(int max) throws IOException;

    /**
     * Reads exactly {@code n} bytes (asyncio {@code readexactly}); blocks until they arrived.
     *
     * @param n the number of bytes, at least 0
     * @return {@code n} bytes
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws IncompleteReadException  if the stream ended first; it carries the bytes that did arrive
     * @throws IOException              if the connection failed or was closed locally
     */
    byte[] readExactly(int n) throws IOException;

    /**
     * Reads one line (asyncio {@code readline}), decoded as UTF-8, without its {@code \n} or {@code \r\n}
     * terminator. At end of stream the last, unterminated line is returned, then null.
     *
     * @return the line, or null at end of stream
     * @throws LimitOverrunException if no terminator came within {@link #limit()} bytes; those bytes are
     *                               discarded, so the next read starts after them
     * @throws IOException           if the connection failed or was closed locally
     */
    String readLine() throws IOException;

    /**
     * Reads up to and including {@code separator} (asyncio {@code readuntil}).
     *
     * @param separator the bytes that end the chunk, not empty
     * @return the bytes read, the separator included
     * @throws IllegalArgumentException if {@code separator} is empty
     * @throws NullPointerException     if {@code separator} is null
     * @throws IncompleteReadException  if the stream ended before the separator; it carries the bytes read
     * @throws LimitOverrunException    if the separator did not come within {@link #limit()} bytes; those bytes
     *                                  are discarded
     * @throws IOException              if the connection failed or was closed locally
     */
    byte[] readUntil(byte[] separator) throws IOException;

    /**
     * Appends {@code data} to the output buffer (asyncio {@code write}). Returns at once unless the buffer has
     * grown past {@link #limit()}, in which case it writes the buffer out first, blocking while the peer's window
     * is closed.
     *
     * @param data the bytes to send; the array may be reused after the call returns
     * @throws NullPointerException if {@code data} is null
     * @throws IOException          if the connection failed or was closed
     */
    void write(byte[] data) throws IOException;

    /**
     * Writes out everything buffered by {@link #write(byte[])} (asyncio {@code drain}); blocks until the kernel
     * has taken it, which takes as long as the peer's window stays closed.
     *
     * @throws IOException if the connection failed or was closed
     */
    void drain() throws IOException;

    /**
     * Drains the output buffer and then closes the sending side (asyncio {@code write_eof}): the peer reads end of
     * stream, while this side can still read what the peer sends.
     *
     * @throws IOException if the connection failed or was closed
     */
    void writeEof() throws IOException;

    /**
     * Drains what is buffered, as far as the peer still accepts it, and closes the connection. Idempotent; never
     * blocks longer than the drain; reads and writes blocked in other threads fail with an {@link IOException}.
     */
    @Override
    void close();

    /**
     * Tells whether {@link #close()} was called, or the server closed the connection at stop.
     *
     * @return true once the connection is closed locally
     */
    boolean isClosed();

    /**
     * Returns the peer's address; never blocks.
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();

    /**
     * Returns this side's address; never blocks.
     *
     * @return the local address
     */
    InetSocketAddress localAddress();

    /**
     * Returns the limit for lines, separators and the output buffer, in bytes.
     *
     * @return the limit, {@link #DEFAULT_LIMIT} unless the server was configured otherwise
     */
    int limit();

    /**
     * Returns an {@link InputStream} view of the read side that shares this connection's buffer: mixing it with
     * the read methods here is allowed. {@code read()} blocks as {@link #read(int)} does; closing the stream
     * closes the connection. Always the same object.
     *
     * @return the input stream
     */
    InputStream inputStream();

    /**
     * Returns an {@link OutputStream} view of the write side: {@code write} is {@link #write(byte[])},
     * {@code flush} is {@link #drain()}, {@code close} closes the connection. Always the same object.
     *
     * @return the output stream
     */
    OutputStream outputStream();
}
