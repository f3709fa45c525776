package io.aiomisc.services.tcp;

/**
 * The counters of a {@link UdpServer}, returned by {@link UdpServer#statistics()} and published over JMX as
 * {@code io.aiomisc:type=<server class>,entrypoint=<id>,name=<service name>} while the server runs. The counts
 * cover the server object's whole life, across restarts; {@code handlersActive} is the number running now.
 *
 * @param datagramsReceived datagrams read from the socket (those the kernel dropped before are not seen)
 * @param datagramsDropped  datagrams read while {@code maxConcurrency} handlers were running, so not handled (rare:
 *                          at the limit the server stops reading and datagrams wait in the kernel's buffer)
 * @param handlersActive    handlers running now; 0 when the server is not running
 * @param handlerFailures   handlers that threw (an interruption by the stop after the grace period is not counted,
 *                          whether it surfaces as {@code InterruptedException} or from I/O it ended, such as
 *                          {@code ClosedByInterruptException})
 */
public record UdpServerStatistics(long datagramsReceived, long datagramsDropped, int handlersActive,
                                  long handlerFailures) {
}
