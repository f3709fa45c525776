/**
 * Thread helpers of aiomisc for Java: generators that run in a thread and are consumed as an
 * iterator, a stream, a {@link java.util.concurrent.Flow.Publisher} or futures.
 */
module io.aiomisc.threads {
    requires org.jctools.core;
    requires org.slf4j;

    exports io.aiomisc.threads;
}
