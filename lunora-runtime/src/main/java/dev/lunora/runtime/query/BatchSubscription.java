package dev.lunora.runtime.query;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link Flow} subscriber of a {@link LiveQuery}: queues batches and delivers them as demanded. Whichever thread
 * offers, requests or completes drains the queue, one thread at a time (the usual work-in-progress counter), so
 * signals are serial and never sent while the query's lock is needed by the subscriber.
 */
final class BatchSubscription<T> implements Flow.Subscription {
    private final Flow.Subscriber<? super ChangeBatch<T>> subscriber;
    private final ConcurrentLinkedQueue<ChangeBatch<T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean completed;
    private volatile boolean cancelled;
    private volatile AutoCloseable handle = () -> { };
    private volatile Runnable forget = () -> { };

    BatchSubscription(Flow.Subscriber<? super ChangeBatch<T>> subscriber) {
        this.subscriber = subscriber;
    }

    void cancelWith(AutoCloseable subscriptionHandle, Runnable onCancel) {
        this.handle = subscriptionHandle;
        this.forget = onCancel;
        if (cancelled) {
            stop();
        }
    }

    void offer(ChangeBatch<T> batch) {
        if (!cancelled) {
            queue.add(batch);
            drain();
        }
    }

    void complete() {
        completed = true;
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            cancel();
            subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
            return;
        }
        demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        stop();
    }

    private void stop() {
        queue.clear();
        forget.run();
        try {
            handle.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not unsubscribe", e);
        }
    }

    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            while (!cancelled && demand.get() > 0) {
                ChangeBatch<T> batch = queue.poll();
                if (batch == null) {
                    break;
                }
                demand.decrementAndGet();
                subscriber.onNext(batch);
            }
            if (completed && !cancelled && queue.isEmpty()) {
                cancelled = true;
                subscriber.onComplete();
            }
            missed = work.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
