/**
 * Running blocking code off the caller's thread: {@link io.aiomisc.threads.ThreadPool}, a fast
 * fixed-size {@link java.util.concurrent.ExecutorService}, and {@link io.aiomisc.threads.Threaded},
 * the static helpers (aiomisc's {@code @threaded}, {@code threaded_separate}) that pick the
 * current default pool and hand over the SLF4J MDC.
 */
package io.aiomisc.threads;
