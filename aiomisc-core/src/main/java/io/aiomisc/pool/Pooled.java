package io.aiomisc.pool;

/** An instance with its pool bookkeeping; {@code uses} is touched only by the thread holding its lease. */
final class Pooled<T> {
    final T instance;
    final long createdAt;
    long uses;

    Pooled(T instance, long createdAt) {
        this.instance = instance;
        this.createdAt = createdAt;
    }
}
