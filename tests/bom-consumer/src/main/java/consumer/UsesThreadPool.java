package consumer;

import io.aiomisc.threads.ThreadPool;

/** Compiles only when the BOM resolved aiomisc-threads. */
final class UsesThreadPool {
    static int answer() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            return pool.call(() -> 42).get();
        }
    }
}
