package io.aiomisc.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sliding window of a {@link CircuitBreaker}: {@value #BUCKET_COUNT} time buckets, each a tenth of the
 * response time wide, in a ring. Lock-free: a call finds its bucket with one volatile read, and a bucket that
 * has aged out is replaced by a CAS of a fresh one, so counters never need resetting in place.
 */
final class BucketWindow {

    static final int BUCKET_COUNT = 10;

    /** The counters of one bucket; {@code index} is {@code floor(time / bucketNanos)}. */
    static final class Bucket {
        final long index;
        final LongAdder total = new LongAdder();
        final LongAdder failures = new LongAdder();
        /** Set with the first failure: lets a healthy call skip the window scan with one plain-cost read. */
        volatile boolean failed;

        Bucket(long index) {
            this.index = index;
        }

        void record(boolean failure) {
            if (failure) {
                failures.increment();
                if (!failed) {
                    failed = true;
                }
            }
            total.increment();
        }
    }

    private final long bucketNanos;
    private final AtomicReferenceArray<Bucket> slots = new AtomicReferenceArray<>(BUCKET_COUNT);
    /** Buckets opened since the last clear, up to BUCKET_COUNT: aiomisc's "the statistic is full" test. */
    private final AtomicInteger opened = new AtomicInteger();

    BucketWindow(long responseTimeNanos) {
        this.bucketNanos = Math.max(1, responseTimeNanos / BUCKET_COUNT);
    }

    /** Returns the bucket for time {@code now}, opening it if needed. */
    Bucket current(long now) {
        long index = Math.floorDiv(now, bucketNanos);
        int slot = (int) Math.floorMod(index, (long) BUCKET_COUNT);
        Bucket bucket = slots.get(slot);
        while (bucket == null || bucket.index < index) {
            Bucket fresh = new Bucket(index);
            Bucket witness = slots.compareAndExchange(slot, bucket, fresh);
            if (witness == bucket) {
                if (opened.get() < BUCKET_COUNT) {
                    opened.incrementAndGet();
                }
                return fresh;
            }
            bucket = witness;
        }
        // A thread that read the clock later has already moved this slot on: count into that bucket.
        return bucket;
    }

    /** True once {@value #BUCKET_COUNT} buckets have been opened since the last clear. */
    boolean full() {
        return opened.get() >= BUCKET_COUNT;
    }

    /**
     * The share of all {@value #BUCKET_COUNT} buckets of the window ending at {@code current} whose failure ratio
     * is at least {@code errorRatio}; a bucket with no calls (the service was idle then) counts as not failing.
     * aiomisc keeps its last ten buckets with calls however old they are, so one failure after a quiet spell is
     * one failing bucket of ten there too, not one of one.
     */
    double failingShareOfWindow(long currentIndex, double errorRatio) {
        return (double) count(currentIndex, errorRatio, true) / BUCKET_COUNT;
    }

    /**
     * The share of buckets in the window ending at {@code current} whose failure ratio is at least
     * {@code errorRatio}. Every bucket present in the window counts in the denominator, the current one too
     * even while it is still empty, as in aiomisc.
     */
    double failingBucketRatio(long currentIndex, double errorRatio) {
        int present = count(currentIndex, errorRatio, false);
        return present == 0 ? 0 : (double) count(currentIndex, errorRatio, true) / present;
    }

    /** The buckets present in the window ending at {@code current}, or only the failing ones among them. */
    private int count(long currentIndex, double errorRatio, boolean failingOnly) {
        int present = 0;
        int failing = 0;
        for (int i = 0; i < BUCKET_COUNT; i++) {
            Bucket bucket = slots.get(i);
            if (bucket == null || bucket.index > currentIndex || bucket.index <= currentIndex - BUCKET_COUNT) {
                continue;
            }
            present++;
            long total = bucket.total.sum();
            if (total > 0 && bucket.failures.sum() >= errorRatio * total) {
                failing++;
            }
        }
        return failingOnly ? failing : present;
    }

    /** Failures divided by calls over the whole window, for statistics; 0 when there were no calls. */
    double failureRatio(long currentIndex) {
        long total = 0;
        long failures = 0;
        for (int i = 0; i < BUCKET_COUNT; i++) {
            Bucket bucket = slots.get(i);
            if (bucket == null || bucket.index > currentIndex || bucket.index <= currentIndex - BUCKET_COUNT) {
                continue;
            }
            total += bucket.total.sum();
            failures += bucket.failures.sum();
        }
        return total == 0 ? 0 : (double) failures / total;
    }

    long indexOf(long now) {
        return Math.floorDiv(now, bucketNanos);
    }

    /** Forgets everything, as aiomisc does on every switch to BROKEN. */
    void clear() {
        for (int i = 0; i < BUCKET_COUNT; i++) {
            slots.set(i, null);
        }
        opened.set(0);
    }
}
