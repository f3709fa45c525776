package io.aiomisc.threads;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK (TestNG, run by the testng-engine on the JUnit Platform) against
 * {@link ThreadedIterator#publisher()}. Optional rules the publisher does not implement (several
 * subscribers, rule 1.11) are reported as skipped by the TCK itself.
 */
@SuppressWarnings("exports") // a public test class in an exported package extends a class-path TCK type
public class ThreadedIteratorPublisherTckTest extends FlowPublisherVerification<Long> {

    private static final long SIGNAL_TIMEOUT_MILLIS = 2_000;
    private static final long NO_SIGNAL_TIMEOUT_MILLIS = 100;
    private static final long POLL_MILLIS = 10;

    private final ThreadPerTask executor = new ThreadPerTask("tck");

    public ThreadedIteratorPublisherTckTest() {
        super(new TestEnvironment(SIGNAL_TIMEOUT_MILLIS, NO_SIGNAL_TIMEOUT_MILLIS, POLL_MILLIS));
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return ThreadedIterator.<Long>create(sink -> {
            for (long i = 0; i < elements; i++) {
                sink.emit(i);
            }
        }, 4, executor).publisher();
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return ThreadedIterator.<Long>create(sink -> {
            throw new IllegalStateException("the generator failed before its first item");
        }, 4, executor).publisher();
    }
}
