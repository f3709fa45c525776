package io.aiomisc.threads.snippets;

import io.aiomisc.threads.PoolBinding;
import io.aiomisc.threads.ThreadPool;
import io.aiomisc.threads.Threaded;
import io.aiomisc.threads.ThreadedIterator;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

/** The code blocks of docs/threads.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class ThreadsSnippets {
    private ThreadsSnippets() {
    }

    static void pool(Path path) {
        // tag::pool[]
        try (ThreadPool pool = new ThreadPool(8, "db")) {          // threads db-1 .. db-8, started now
            CompletableFuture<Long> size = pool.call(() -> Files.size(path));
            pool.execute(() -> System.out.println("side job"));     // an exception here is logged
            System.out.println(size.join());
        }                                                           // close(): runs the queue, then waits
        // end::pool[]
    }

    static void threaded(Path path) {
        // tag::threaded[]
        CompletableFuture<String> text = Threaded.call(() -> Files.readString(path));
        CompletableFuture<Void> gone = Threaded.run(() -> Files.deleteIfExists(path));

        Function<Path, CompletableFuture<byte[]>> read = Threaded.threaded(Files::readAllBytes);
        CompletableFuture<byte[]> bytes = read.apply(path);

        CompletableFuture<Long> slow = Threaded.separate(() -> Files.size(path));   // aiomisc-separate-N
        CompletableFuture<Long> light = Threaded.virtual(() -> Files.size(path));   // aiomisc-virtual-N
        // end::threaded[]
        CompletableFuture.allOf(text, gone, bytes, slow, light).join();
    }

    @SuppressWarnings("try") // the binding is only opened and closed: that is what the block shows
    static void binding() {
        // tag::binding[]
        try (ThreadPool pool = new ThreadPool(4, "worker");
             PoolBinding binding = Threaded.bindDefaultPool(pool)) {
            Threaded.call(() -> Thread.currentThread().getName()).join();   // "worker-1" .. "worker-4"
        }   // the binding closes first and restores the previous default; the pool closes after it
        // end::binding[]
    }

    static void iterable(Path path) {
        // tag::iterable[]
        try (ThreadedIterator<String> lines = Threaded.iterable(sink -> {
                try (BufferedReader in = Files.newBufferedReader(path)) {
                    for (String line; (line = in.readLine()) != null; ) {
                        sink.emit(line);
                    }
                }
            }, 64)) {
            for (String line : lines) {
                if (line.isEmpty()) {
                    break;      // leaving the try closes the iterator: the generator stops, its reader closes
                }
            }
        }
        // end::iterable[]
    }

    static void consuming() {
        // tag::consuming[]
        try (ThreadedIterator<Integer> numbers = Threaded.iterableSeparate(sink -> {
                for (int i = 0; i < 1_000; i++) {
                    sink.emit(i);
                }
            }, 16);
             Stream<Integer> stream = numbers.stream()) {
            int sum = stream.mapToInt(Integer::intValue).sum();      // the generator starts here
        }

        ThreadedIterator<String> names = Threaded.iterate(() -> List.of("a", "b").iterator(), 8);
        names.nextAsync()                                         // never blocks
                .thenAccept(first -> System.out.println(first))   // may run on the producer's thread
                .whenComplete((ignored, error) -> names.close()); // stop the rest
        // end::consuming[]
    }
}
