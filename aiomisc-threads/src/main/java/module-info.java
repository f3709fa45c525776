/**
 * aiomisc threads: a fast fixed-size thread pool ({@link io.aiomisc.threads.ThreadPool}) and the
 * helpers that run blocking code off the caller's thread ({@link io.aiomisc.threads.Threaded}).
 *
 * <p>Only {@code io.aiomisc.threads} is exported; the pool's lock-free machinery lives in the
 * non-exported {@code io.aiomisc.threads.internal} package.
 */
module io.aiomisc.threads {
    requires org.jctools.core;
    requires org.slf4j;

    exports io.aiomisc.threads;
}
