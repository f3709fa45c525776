package io.aiomisc.snippets;

import io.aiomisc.schedule.CronCallback;
import io.aiomisc.schedule.CronExpression;
import io.aiomisc.schedule.PeriodicCallback;
import io.aiomisc.schedule.RecurringCallback;
import io.aiomisc.schedule.StrategySkip;
import io.aiomisc.schedule.StrategyStop;
import java.io.Flushable;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The code blocks of docs/schedule.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class ScheduleSnippets {
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean done;

    static void periodic(Flushable buffer) throws Exception {
        // tag::periodic[]
        PeriodicCallback flush = new PeriodicCallback("flush", buffer::flush);
        flush.start(Duration.ofSeconds(1));                          // first run at once, then every second
        Thread.sleep(Duration.ofMinutes(1));                         // the application works meanwhile
        flush.stop().get();                                          // no run in progress after this
        flush.start(Duration.ofSeconds(1), Duration.ofSeconds(10));  // restarted: first run after 10 s
        // end::periodic[]
    }

    ZonedDateTime cron() throws Exception {
        // tag::cron[]
        CronCallback report = new CronCallback("report", this::sendReport);
        report.start(CronExpression.parse("0 9 * * MON-FRI"));                        // 09:00 UTC on weekdays
        report.stop().get();
        report.start(CronExpression.parse("30 2 * * *"), ZoneId.of("Europe/Berlin"));  // restarted, local time
        ZonedDateTime next = CronExpression.parse("*/10 * * * * 30")                   // the next fire time
                .next(ZonedDateTime.now(ZoneOffset.UTC));
        // end::cron[]
        return next;
    }

    void recurring() {
        // tag::recurring[]
        RecurringCallback poll = new RecurringCallback("poll", this::poll);
        poll.start(cb -> {
            if (queue.isEmpty()) throw new StrategySkip(Duration.ofSeconds(5)); // wait 5 s, do not run, ask again
            if (done) throw new StrategyStop();                                 // end the loop
            return Duration.ofMillis(100);                                      // run after 100 ms
        });
        // end::recurring[]
    }

    void finish() {
        done = true;
    }

    private void sendReport() {
        System.out.println("report");
    }

    private void poll() {
        for (String item; (item = queue.poll()) != null; ) {
            System.out.println(item);
        }
    }
}
