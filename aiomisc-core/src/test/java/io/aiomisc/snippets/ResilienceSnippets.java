package io.aiomisc.snippets;

import io.aiomisc.Service;
import io.aiomisc.aggregate.Aggregator;
import io.aiomisc.aggregate.BatchItem;
import io.aiomisc.pool.ObjectPool;
import io.aiomisc.resilience.CircuitBreaker;
import io.aiomisc.resilience.Cutout;
import io.aiomisc.resilience.Retry;
import io.aiomisc.resilience.Timeouts;
import io.aiomisc.stats.Statistics;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/** The code blocks of docs/resilience.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class ResilienceSnippets {
    private ResilienceSnippets() {
    }

    static void retry(PricingClient pricing, String item) throws Exception {
        // tag::retry[]
        Retry retry = Retry.builder()
                .name("pricing")                       // statistics / JMX name
                .maxTries(5)                           // or .deadline(...), at least one of the two
                .attemptTimeout(Duration.ofSeconds(2))
                .deadline(Duration.ofSeconds(10))
                .pause(Duration.ofMillis(100)).factor(2).maxPause(Duration.ofSeconds(2)).jitter(0.2)
                .retryOn(IOException.class)
                .giveUp(e -> e instanceof HttpStatusException s && s.status() < 500)
                .build();

        Quote quote = retry.call(() -> pricing.quote(item));                    // blocking
        CompletableFuture<Quote> f = retry.callAsync(() -> pricing.quoteAsync(item));
        // end::retry[]
        System.out.println(quote + " " + f.join());
    }

    static void timeouts(WebClient http, URI url) throws Exception {
        // tag::timeouts[]
        String body = Timeouts.call(Duration.ofSeconds(2), () -> http.get(url));        // TimeoutException on expiry
        Callable<String> bounded = Timeouts.timeout(Duration.ofSeconds(2), () -> http.get(url)); // decorator
        CompletableFuture<String> f = Timeouts.callAsync(Duration.ofSeconds(2), () -> http.getAsync(url));
        // end::timeouts[]
        System.out.println(body + bounded.call() + f.join());
    }

    static void circuitBreaker(Database db, long id) throws Exception {
        // tag::circuit-breaker[]
        CircuitBreaker breaker = CircuitBreaker.builder(0.5, Duration.ofSeconds(1))   // errorRatio, responseTime
                .name("db")
                .exceptions(IOException.class)
                .exceptionInspector(e -> !(e instanceof NotFoundException))
                .brokenTime(Duration.ofSeconds(5))
                .build();
        Row row = breaker.call(() -> db.load(id));              // CircuitBrokenException while broken
        CompletableFuture<Row> f = breaker.callAsync(() -> db.loadAsync(id));

        Cutout cutout = Cutout.of(0.5, Duration.ofSeconds(1), IOException.class);     // the decorator form
        Callable<Row> load = cutout.wrap(() -> db.load(id));
        // end::circuit-breaker[]
        System.out.println(row + " " + f.join() + " " + load.call());
    }

    static void aggregator(UserStore db) throws Exception {
        // tag::aggregator[]
        Aggregator<Long, User> users = Aggregator.builder(Duration.ofMillis(5), (List<Long> ids) -> db.loadAll(ids))
                .maxCount(100)
                .name("users")
                .build();
        User u = users.call(42L);                           // blocking, from any number of virtual threads
        CompletableFuture<User> f = users.callAsync(42L);

        // aiomisc's aggregate_async: answer each call yourself
        Aggregator<Long, User> low = Aggregator.<Long, User>itemBuilder(Duration.ofMillis(5), items -> {
            for (BatchItem<Long, User> item : items) item.complete(db.load(item.argument()));
        }).build();
        // end::aggregator[]
        System.out.println(u + " " + f.join() + " " + low.call(7L));
    }

    static void objectPool(Server server, String command) throws Exception {
        // tag::object-pool[]
        ObjectPool<Connection> pool = ObjectPool.builder(() -> server.connect())
                .check(c -> c.isValid(1))
                .dispose(Connection::close)
                .maxSize(10)
                .maxUses(10_000)
                .maxAge(Duration.ofMinutes(30))
                .name("db")
                .build();
        try (ObjectPool.Lease<Connection> lease = pool.acquire()) {           // or acquire(Duration timeout)
            lease.get().execute(command);
        }                                                                     // lease.discard() retires a broken one
        // end::object-pool[]
        pool.close();
    }
}

// tag::publish[]
class Backend extends Service {
    private final CircuitBreaker breaker = CircuitBreaker.builder(0.5, Duration.ofSeconds(1)).name("db").build();
    private final UserCache cache = new UserCache();

    @Override
    protected void start() {
        Statistics.publish(entrypoint(), breaker);                          // type=CircuitBreaker,name=db
        Statistics.publish(entrypoint(), "Cache", "users", cache::stats);   // your own record
    }
}
// end::publish[]

/** A price, what the retry example fetches. */
record Quote(String item, long cents) {
}

/** A remote service the retry example calls, blocking or asynchronously. */
interface PricingClient {
    Quote quote(String item) throws IOException;

    CompletableFuture<Quote> quoteAsync(String item);
}

/** An HTTP error response; 4xx statuses are not worth retrying. */
final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpStatusException(int status) {
        super("HTTP status " + status);
        this.status = status;
    }

    int status() {
        return status;
    }
}

/** What the timeout examples call. */
interface WebClient {
    String get(URI url) throws IOException;

    CompletableFuture<String> getAsync(URI url);
}

/** A row of the circuit breaker example's database. */
record Row(long id, String value) {
}

/** A lookup that found nothing: an answer, not a failure of the database. */
final class NotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    NotFoundException(long id) {
        super("no row " + id);
    }
}

/** What the circuit breaker example protects. */
interface Database {
    Row load(long id) throws IOException;

    CompletableFuture<Row> loadAsync(long id);
}

/** A user, what the aggregator example loads in batches. */
record User(long id, String name) {
}

/** What the aggregator example batches calls to. */
interface UserStore {
    List<User> loadAll(List<Long> ids) throws IOException;

    User load(long id) throws IOException;
}

/** A connection to a server, what the object pool example pools (a JDBC connection is pooled the same way). */
interface Connection {
    boolean isValid(int timeoutSeconds);

    void execute(String command) throws IOException;

    void close() throws IOException;
}

/** Where the object pool example's connections come from. */
interface Server {
    Connection connect() throws IOException;
}

/** A cache with statistics of its own, what the publication example publishes next to the breaker's. */
final class UserCache {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** A cache's statistics record; a published record must be public. */
    public record Stats(long hits, long misses) {
    }

    Stats stats() {
        return new Stats(hits.sum(), misses.sum());
    }
}
