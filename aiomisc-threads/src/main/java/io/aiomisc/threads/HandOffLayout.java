package io.aiomisc.threads;

/**
 * The field layout of {@link HandOff}, padded so that what the producer writes per item, what the
 * consumer writes per item, and the read-mostly shared state sit on separate cache lines (128 bytes
 * apart, for the adjacent-line prefetcher). The JVM keeps superclass fields before subclass fields
 * (it only fills alignment gaps), so the chain of classes fixes the order; checked with JOL. Without it
 * every item moved the same line back and forth between the two cores.
 */
final class HandOffLayout {

    private HandOffLayout() {
    }

    @SuppressWarnings("unused")
    abstract static class Pad0 {
        /** Takes the 4-byte gap after the object header, where the JVM would otherwise put {@code status}. */
        private int headerGap;
        private long p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    }

    /** Read by both sides on every item, written rarely. */
    abstract static class Shared extends Pad0 {
        /** CLOSED (set by the consumer side) and DONE (set by the producer) bits. */
        volatile int status;
        /** A consumer waiting for an item or the end: a parked {@link Thread} or a {@link Runnable} to run. */
        volatile Object consumerWaiter;
        /** The producer while it waits for space. */
        volatile Thread parkedProducer;
        /** Written before DONE is set, read after DONE is seen. */
        Throwable failure;
    }

    @SuppressWarnings("unused")
    abstract static class Pad1 extends Shared {
        private long p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    }

    /** Written by the producer thread only. */
    abstract static class ProducerSide extends Pad1 {
        Thread producer;
        long produced;
        long consumedSeen;
        /** Takes the 4-byte gap here, where the JVM would otherwise put the consumer-read queue reference. */
        @SuppressWarnings("unused")
        private int alignmentGap;
    }

    @SuppressWarnings("unused")
    abstract static class Pad2 extends ProducerSide {
        private long p200, p201, p202, p203, p204, p205, p206, p207, p208, p209, p210, p211, p212, p213, p214, p215;
    }

    /** Written by the consumer only; {@code consumed} is read by the producer when the buffer looks full. */
    abstract static class ConsumerSide extends Pad2 {
        long consumed;
        long nextWakeCheck;
    }

    @SuppressWarnings("unused")
    abstract static class Pad3 extends ConsumerSide {
        private long p300, p301, p302, p303, p304, p305, p306, p307, p308, p309, p310, p311, p312, p313, p314, p315;
    }
}
