package io.aiomisc.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A cron schedule, parsed by our own parser with the syntax of aiomisc's {@code croniter}.
 *
 * <h2>Syntax</h2>
 * Five fields, {@code minute hour day-of-month month day-of-week}, or six with the <b>seconds last</b>:
 * {@code minute hour day-of-month month day-of-week second}. This is croniter's order (and so aiomisc's);
 * Quartz and Spring put the seconds <em>first</em>, so their <code>"0 *&#47;5 * * * *"</code> means something else here.
 * <ul>
 *   <li>ranges: minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or {@code JAN}-{@code DEC},
 *       day-of-week 0-7 or {@code SUN}-{@code SAT} (0 and 7 are both Sunday), second 0-59; names in any case;</li>
 *   <li>each field is a comma-separated list of {@code *}, {@code n}, {@code a-b}, each optionally followed by
 *       {@code /step}; {@code a/step} means {@code a-max/step}, as in croniter;</li>
 *   <li>macros: {@code @yearly} and {@code @annually} ({@code 0 0 1 1 *}), {@code @monthly} ({@code 0 0 1 * *}),
 *       {@code @weekly} ({@code 0 0 * * 0}), {@code @daily} and {@code @midnight} ({@code 0 0 * * *}),
 *       {@code @hourly} ({@code 0 * * * *});</li>
 *   <li>the Quartz extensions {@code L}, {@code W}, {@code #} and {@code ?} are not supported.</li>
 * </ul>
 * When both day-of-month and day-of-week restrict the days, a day matches when <em>either</em> matches (vixie
 * cron and croniter); when one of them allows every day, the other one alone decides. As in croniter, a field
 * counts as unrestricted when it allows every value ({@code *}, {@code *}{@code /1}, {@code 1-31}); vixie cron
 * looks at the text instead and also treats {@code *}{@code /2} as unrestricted.
 *
 * <h2>Time zones</h2>
 * Fire times are computed in the zone of the time given to {@link #next(ZonedDateTime)}; {@link #next(Instant)}
 * uses UTC, the default of aiomisc. Around daylight-saving transitions:
 * <ul>
 *   <li><b>spring gap</b> (local times that do not exist, e.g. 02:00-03:00 in Europe/Berlin on the last Sunday of
 *       March): a matching local time inside the gap fires once, at the first valid instant after the gap (the
 *       transition itself, 03:00 CEST), as vixie cron does; several matching times inside one gap fire once
 *       together;</li>
 *   <li><b>autumn overlap</b> (local times that occur twice): each matching local time fires once, at its first
 *       occurrence (the earlier offset); the repeated hour does not fire again. An hourly expression thus has a
 *       two-hour pause in real time that night; use a UTC zone when you need strict real-time intervals.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Two expressions are equal when they fire at the same times
 * ({@code @daily} equals {@code 0 0 * * *}).
 */
public final class CronExpression {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final String FIELD_NAMES = "minute hour day-of-month month day-of-week";

    // Never reached by a valid expression: the longest wait between two matches is 8 years (29 February
    // around a century year that is not a leap year), which takes a few thousand steps.
    private static final int MAX_STEPS = 1_000_000;

    private final String text;
    private final long seconds;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = CronField.MINUTE.parse(fields[0], text);
        this.hours = CronField.HOUR.parse(fields[1], text);
        this.daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[2], text);
        this.months = CronField.MONTH.parse(fields[3], text);
        this.daysOfWeek = CronField.DAY_OF_WEEK.parse(fields[4], text);
        this.seconds = fields.length == 6 ? CronField.SECOND.parse(fields[5], text) : 1L;
        this.dayOfMonthRestricted = daysOfMonth != CronField.DAY_OF_MONTH.all();
        this.dayOfWeekRestricted = daysOfWeek != CronField.DAY_OF_WEEK.all();
        if (!dayOfWeekRestricted) {
            checkDayOfMonthOccurs();
        }
    }

    /**
     * Parses a cron expression (see the class documentation for the syntax). Leading, trailing and repeated
     * whitespace between fields is ignored.
     *
     * @param expression five fields, six with the seconds last, or a macro such as {@code @daily}
     * @return the parsed expression
     * @throws NullPointerException if {@code expression} is null
     * @throws IllegalArgumentException if the expression is malformed; the message names the field and the
     *         value at fault
     */
    public static CronExpression parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String text = expression.strip();
        String source = text;
        if (text.startsWith("@")) {
            source = MACROS.get(text.toLowerCase(Locale.ROOT));
            if (source == null) {
                throw new IllegalArgumentException("invalid cron expression '" + expression + "': unknown macro "
                        + text + "; known macros: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly");
            }
        }
        String[] fields = source.isEmpty() ? new String[0] : source.split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': it has "
                    + fields.length + " fields; expected 5 (" + FIELD_NAMES + ") or 6 (" + FIELD_NAMES
                    + " second; seconds come last, as in croniter)");
        }
        return new CronExpression(text, fields);
    }

    /**
     * Returns the first fire time strictly after {@code after}, in the zone of {@code after}. Never blocks;
     * a few microseconds for any valid expression.
     *
     * @param after the time to search from (exclusive)
     * @return the next fire time, in the same zone
     * @throws NullPointerException if {@code after} is null
     * @throws java.time.DateTimeException if the next fire time is beyond the year 999 999 999
     */
    public ZonedDateTime next(ZonedDateTime after) {
        Objects.requireNonNull(after, "after");
        ZoneId zone = after.getZone();
        ZoneRules rules = zone.getRules();
        Instant limit = after.toInstant();
        LocalDateTime candidate = after.toLocalDateTime().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        for (int step = 0; step < MAX_STEPS; step++) {
            LocalDateTime advanced = advanceToMatch(candidate);
            if (advanced != candidate) {
                candidate = advanced;
                continue;
            }
            ZoneOffsetTransition transition = rules.getTransition(candidate);
            if (transition != null && transition.isGap()) {
                // a local time that does not exist fires at the end of the gap
                if (transition.getInstant().isAfter(limit)) {
                    return ZonedDateTime.ofInstant(transition.getInstant(), zone);
                }
                candidate = transition.getDateTimeAfter();
                continue;
            }
            // in an overlap this is the earlier offset: the first occurrence of the local time
            ZonedDateTime fire = ZonedDateTime.ofLocal(candidate, zone, null);
            if (fire.toInstant().isAfter(limit)) {
                return fire;
            }
            // the first occurrence is already past: the rest of the overlap repeats local times that fired
            candidate = transition != null ? transition.getDateTimeBefore() : candidate.plusSeconds(1);
        }
        throw new IllegalStateException("no fire time found for '" + text + "' after " + after);
    }

    /**
     * Returns the first fire time strictly after {@code after}, computed in UTC.
     *
     * @param after the instant to search from (exclusive)
     * @return the next fire time
     * @throws NullPointerException if {@code after} is null
     */
    public Instant next(Instant after) {
        return next(Objects.requireNonNull(after, "after").atZone(ZoneOffset.UTC)).toInstant();
    }

    /**
     * Returns true when every field matches {@code time}'s local date and time (to the second), regardless
     * of daylight-saving gaps and overlaps.
     *
     * @param time the local time to test
     * @return whether the expression matches
     * @throws NullPointerException if {@code time} is null
     */
    public boolean matches(LocalDateTime time) {
        LocalDateTime second = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
        return advanceToMatch(second).equals(second);
    }

    /**
     * Returns {@code c} when it matches every field; otherwise the earliest local time after {@code c} that
     * can match the first field that failed (fields checked from the largest unit down).
     */
    private LocalDateTime advanceToMatch(LocalDateTime c) {
        if (!has(months, c.getMonthValue())) {
            int month = nextBit(months, c.getMonthValue() + 1);
            return month < 0
                    ? LocalDate.of(c.getYear() + 1, Long.numberOfTrailingZeros(months), 1).atStartOfDay()
                    : LocalDate.of(c.getYear(), month, 1).atStartOfDay();
        }
        if (!dayMatches(c.toLocalDate())) {
            return c.toLocalDate().plusDays(1).atStartOfDay();
        }
        if (!has(hours, c.getHour())) {
            int hour = nextBit(hours, c.getHour() + 1);
            return hour < 0 ? c.toLocalDate().plusDays(1).atStartOfDay() : c.toLocalDate().atTime(hour, 0);
        }
        if (!has(minutes, c.getMinute())) {
            int minute = nextBit(minutes, c.getMinute() + 1);
            return minute < 0
                    ? c.truncatedTo(ChronoUnit.HOURS).plusHours(1)
                    : c.truncatedTo(ChronoUnit.HOURS).withMinute(minute);
        }
        if (!has(seconds, c.getSecond())) {
            int second = nextBit(seconds, c.getSecond() + 1);
            return second < 0
                    ? c.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1)
                    : c.truncatedTo(ChronoUnit.MINUTES).withSecond(second);
        }
        return c;
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = has(daysOfMonth, date.getDayOfMonth());
        boolean dow = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    /** Rejects "30 2" (30 February) and the like, which would never fire. */
    private void checkDayOfMonthOccurs() {
        for (int month = 1; month <= 12; month++) {
            if (has(months, month)) {
                int longest = Month.of(month).maxLength();
                if (nextBit(daysOfMonth, 1) <= longest) {
                    return;
                }
            }
        }
        throw CronField.DAY_OF_MONTH.invalid(text,
                "day " + Long.numberOfTrailingZeros(daysOfMonth) + " never occurs in the selected months");
    }

    private static boolean has(long mask, int value) {
        return (mask & (1L << value)) != 0;
    }

    private static int nextBit(long mask, int from) {
        if (from >= 64) {
            return -1;
        }
        long rest = mask & (-1L << from);
        return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
    }

    /**
     * Returns the expression as given to {@link #parse(String)}, without surrounding whitespace.
     *
     * @return the expression text
     */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression other
                && seconds == other.seconds && minutes == other.minutes && hours == other.hours
                && daysOfMonth == other.daysOfMonth && months == other.months && daysOfWeek == other.daysOfWeek;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seconds, minutes, hours, daysOfMonth, months, daysOfWeek);
    }
}
