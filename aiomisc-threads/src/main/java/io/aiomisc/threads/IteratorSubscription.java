package io.aiomisc.threads;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Flow.Subscriber} from a {@link HandOff} with demand.
 *
 * <p>Every signal comes out of one {@linkplain SerialDrain drain loop}, so signals
 * are serial (rule 1.3), {@code request} from inside {@code onNext} does not recurse (rule 3.3), and the
 * loop may run on whichever thread calls {@code request}/{@code cancel} or, when the subscriber waits for
 * items, on the producer thread (this subscription is then registered as the hand-off's consumer waiter
 * and run by {@code emit}).
 */
final class IteratorSubscription<T> extends SerialDrain implements Flow.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(IteratorSubscription.class);

    /** Keeps the iterator, whose cleaner would otherwise close the hand-off, reachable while subscribed. */
    private final ThreadedIterator<T> owner;
    private final HandOff<T> handOff;
    private final AtomicLong requested = new AtomicLong();
    /** Dropped on cancel and on the terminal signal (rule 3.13). */
    private volatile Flow.Subscriber<? super T> subscriber;
    private volatile boolean cancelled;
    private volatile boolean badRequest;
    private long badRequestValue;

    IteratorSubscription(Flow.Subscriber<? super T> subscriber, ThreadedIterator<T> owner, HandOff<T> handOff) {
        this.subscriber = subscriber;
        this.owner = owner;
        this.handOff = handOff;
    }

    /** Hands this subscription to the subscriber, then starts the generator. */
    void begin() {
        Flow.Subscriber<? super T> s = subscriber;
        try {
            s.onSubscribe(this);
        } catch (Throwable t) {
            LOG.warn("{}.onSubscribe threw (Reactive Streams rule 2.13); the subscription is cancelled", s, t);
            cancel();
            return;
        }
        owner.subscribed(this);
        owner.start();
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (!badRequest) {
                badRequestValue = n;
                badRequest = true;
            }
        } else {
            addDemand(n);
        }
        drain();
    }

    private void addDemand(long n) {
        for (;;) {
            long current = requested.get();
            if (current == Long.MAX_VALUE) {
                return;
            }
            long updated = current + n;
            if (updated < 0) {
                updated = Long.MAX_VALUE;
            }
            if (requested.compareAndSet(current, updated)) {
                return;
            }
        }
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            handOff.close();
            drain();
        }
    }

    @Override
    void drainOnce() {
        Flow.Subscriber<? super T> s = subscriber;
        if (s != null) {
            emitAvailable(s);
        }
    }

    private void emitAvailable(Flow.Subscriber<? super T> s) {
        long demand = requested.get();
        long emitted = 0;
        boolean registered = false;
        for (;;) {
            if (cancelled) {
                dispose();
                return;
            }
            if (badRequest) {
                dispose();
                s.onError(new IllegalArgumentException(
                        "non-positive subscription request (Reactive Streams rule 3.9): " + badRequestValue));
                return;
            }
            if (handOff.isClosed()) {
                // Our own cancel() sets `cancelled` before it closes: re-read it to stay silent then.
                boolean byCancel = cancelled;
                dispose();
                if (!byCancel) {
                    s.onError(new CancellationException("the ThreadedIterator was closed"));
                }
                return;
            }
            boolean done = handOff.isDone();
            boolean empty;
            if (emitted != demand) {
                T item = handOff.poll();
                if (item != null) {
                    if (!deliver(s, item)) {
                        return;
                    }
                    emitted++;
                    continue;
                }
                empty = true;
            } else {
                empty = !handOff.hasItem();
            }
            if (empty && done) {
                Throwable failure = handOff.failure();
                dispose();
                if (failure != null) {
                    s.onError(failure);
                } else {
                    s.onComplete();
                }
                return;
            }
            if (!empty || registered) {
                break;
            }
            // Ask the producer to run us on its next item or its end, then look once more.
            handOff.register(this);
            registered = true;
        }
        if (emitted != 0 && demand != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
        }
    }

    private boolean deliver(Flow.Subscriber<? super T> s, T item) {
        try {
            s.onNext(item);
            return true;
        } catch (Throwable t) {
            LOG.warn("{}.onNext threw (Reactive Streams rule 2.13); the subscription is cancelled", s, t);
            cancelled = true;
            dispose();
            return false;
        }
    }

    /** Stops the producer and forgets the subscriber; no signal follows. */
    private void dispose() {
        subscriber = null;
        handOff.unregister(this);
        handOff.close();
    }
}
