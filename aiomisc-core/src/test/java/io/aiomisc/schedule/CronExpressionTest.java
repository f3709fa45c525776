package io.aiomisc.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {

    /** Times are ISO zoned date-times; a zone in brackets sets the zone the expression is evaluated in. */
    @ParameterizedTest(name = "[{index}] ''{0}'' after {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # basics in UTC
            * * * * *              | 2024-01-01T00:00:00Z        | 2024-01-01T00:01:00Z
            * * * * *              | 2024-01-01T00:00:30Z        | 2024-01-01T00:01:00Z
            */15 * * * *           | 2024-01-01T00:07:00Z        | 2024-01-01T00:15:00Z
            */15 * * * *           | 2024-01-01T00:45:00Z        | 2024-01-01T01:00:00Z
            0 * * * *              | 2024-01-01T23:30:00Z        | 2024-01-02T00:00:00Z
            30 2 * * *             | 2024-01-01T02:30:00Z        | 2024-01-02T02:30:00Z
            30 2 * * *             | 2024-01-01T02:29:59Z        | 2024-01-01T02:30:00Z
            59 23 31 12 *          | 2024-12-31T23:59:00Z        | 2025-12-31T23:59:00Z
            # month ends and leap days
            0 0 1 * *              | 2024-01-31T12:00:00Z        | 2024-02-01T00:00:00Z
            0 0 31 * *             | 2024-02-01T00:00:00Z        | 2024-03-31T00:00:00Z
            0 0 31 * *             | 2024-04-01T00:00:00Z        | 2024-05-31T00:00:00Z
            0 0 30 * *             | 2024-01-30T00:00:00Z        | 2024-03-30T00:00:00Z
            0 0 29 2 *             | 2024-01-01T00:00:00Z        | 2024-02-29T00:00:00Z
            0 0 29 2 *             | 2024-02-29T00:00:00Z        | 2028-02-29T00:00:00Z
            0 0 29 2 *             | 2096-03-01T00:00:00Z        | 2104-02-29T00:00:00Z
            0 0 28-31 2 *          | 2023-02-28T00:00:00Z        | 2024-02-28T00:00:00Z
            0 0 */10 * *           | 2024-01-21T00:00:00Z        | 2024-01-31T00:00:00Z
            # days of the week, names, and the day-of-month OR day-of-week rule
            0 12 * * MON-FRI       | 2024-01-05T12:00:00Z        | 2024-01-08T12:00:00Z
            0 12 * * 1-5           | 2024-01-06T00:00:00Z        | 2024-01-08T12:00:00Z
            0 0 * * 0              | 2024-01-01T00:00:00Z        | 2024-01-07T00:00:00Z
            0 0 * * 7              | 2024-01-01T00:00:00Z        | 2024-01-07T00:00:00Z
            0 0 * * sun            | 2024-01-01T00:00:00Z        | 2024-01-07T00:00:00Z
            0 0 * * 5-7            | 2024-01-01T00:00:00Z        | 2024-01-05T00:00:00Z
            0 0 1 JAN *            | 2024-06-15T00:00:00Z        | 2025-01-01T00:00:00Z
            0 0 1 jan,Jul *        | 2024-01-01T00:00:00Z        | 2024-07-01T00:00:00Z
            0 0 1 feb-apr *        | 2024-04-01T00:00:00Z        | 2025-02-01T00:00:00Z
            0 0 13 * FRI           | 2024-01-01T00:00:00Z        | 2024-01-05T00:00:00Z
            0 0 13 * 5             | 2024-01-12T00:00:00Z        | 2024-01-13T00:00:00Z
            0 0 */2 * MON          | 2024-01-01T00:00:00Z        | 2024-01-03T00:00:00Z
            0 0 1-31 * MON         | 2024-01-01T00:00:00Z        | 2024-01-08T00:00:00Z
            # lists, ranges with steps, croniter's a/step
            5,10-12,50-59/3 * * * *| 2024-01-01T00:12:00Z        | 2024-01-01T00:50:00Z
            5,10-12,50-59/3 * * * *| 2024-01-01T00:59:00Z        | 2024-01-01T01:05:00Z
            10/20 * * * *          | 2024-01-01T00:31:00Z        | 2024-01-01T00:50:00Z
            0 0 * * 1/2            | 2024-01-05T00:00:00Z        | 2024-01-08T00:00:00Z
            0 0 * * 3/4            | 2024-01-03T00:00:00Z        | 2024-01-10T00:00:00Z
            # six fields: the seconds come last
            * * * * * */10         | 2024-01-01T00:00:05Z        | 2024-01-01T00:00:10Z
            0 0 * * * 30           | 2024-01-01T00:00:30Z        | 2024-01-02T00:00:30Z
            * * * * * 0,30         | 2024-01-01T00:00:59Z        | 2024-01-01T00:01:00Z
            * * * * * *            | 2024-01-01T00:00:00.5Z      | 2024-01-01T00:00:01Z
            # macros
            @yearly                | 2024-03-01T00:00:00Z        | 2025-01-01T00:00:00Z
            @annually              | 2024-03-01T00:00:00Z        | 2025-01-01T00:00:00Z
            @monthly               | 2024-12-15T00:00:00Z        | 2025-01-01T00:00:00Z
            @weekly                | 2024-01-01T00:00:00Z        | 2024-01-07T00:00:00Z
            @daily                 | 2024-12-31T23:59:59Z        | 2025-01-01T00:00:00Z
            @midnight              | 2024-12-31T23:59:59Z        | 2025-01-01T00:00:00Z
            @hourly                | 2024-01-01T00:00:00.000000001Z | 2024-01-01T01:00:00Z
            # a zone without daylight saving
            0 9 * * *              | 2024-01-01T00:00+09:00[Asia/Tokyo]     | 2024-01-01T09:00+09:00[Asia/Tokyo]
            # Europe/Berlin spring gap (2024-03-31 02:00 CET -> 03:00 CEST): fire at the end of the gap, once
            30 2 * * *             | 2024-03-31T00:00+01:00[Europe/Berlin]  | 2024-03-31T03:00+02:00[Europe/Berlin]
            30 2 * * *             | 2024-03-31T03:00+02:00[Europe/Berlin]  | 2024-04-01T02:30+02:00[Europe/Berlin]
            0 * * * *              | 2024-03-31T01:30+01:00[Europe/Berlin]  | 2024-03-31T03:00+02:00[Europe/Berlin]
            */15 2 * * *           | 2024-03-31T01:59+01:00[Europe/Berlin]  | 2024-03-31T03:00+02:00[Europe/Berlin]
            */15 2 * * *           | 2024-03-31T03:00+02:00[Europe/Berlin]  | 2024-04-01T02:00+02:00[Europe/Berlin]
            0 3 * * *              | 2024-03-31T01:00+01:00[Europe/Berlin]  | 2024-03-31T03:00+02:00[Europe/Berlin]
            0 2 * * *              | 2024-03-30T02:00+01:00[Europe/Berlin]  | 2024-03-31T03:00+02:00[Europe/Berlin]
            # Europe/Berlin autumn overlap (2024-10-27 03:00 CEST -> 02:00 CET): each local time fires once
            30 2 * * *             | 2024-10-27T00:00+02:00[Europe/Berlin]  | 2024-10-27T02:30+02:00[Europe/Berlin]
            30 2 * * *             | 2024-10-27T02:30+02:00[Europe/Berlin]  | 2024-10-28T02:30+01:00[Europe/Berlin]
            0 * * * *              | 2024-10-27T02:00+02:00[Europe/Berlin]  | 2024-10-27T03:00+01:00[Europe/Berlin]
            */30 * * * *           | 2024-10-27T02:10+01:00[Europe/Berlin]  | 2024-10-27T03:00+01:00[Europe/Berlin]
            # America/New_York spring gap (2024-03-10 02:00 EST -> 03:00 EDT) and autumn overlap (2024-11-03 02:00 EDT -> 01:00 EST)
            30 2 * * *             | 2024-03-10T00:00-05:00[America/New_York] | 2024-03-10T03:00-04:00[America/New_York]
            0 0 * * *              | 2024-03-09T12:00-05:00[America/New_York] | 2024-03-10T00:00-05:00[America/New_York]
            30 1 * * *             | 2024-11-03T00:00-04:00[America/New_York] | 2024-11-03T01:30-04:00[America/New_York]
            30 1 * * *             | 2024-11-03T01:30-04:00[America/New_York] | 2024-11-04T01:30-05:00[America/New_York]
            0 * * * *              | 2024-11-03T00:30-04:00[America/New_York] | 2024-11-03T01:00-04:00[America/New_York]
            0 * * * *              | 2024-11-03T01:00-05:00[America/New_York] | 2024-11-03T02:00-05:00[America/New_York]
            """)
    void nextFireTimeMatchesTheTable(String expression, String after, String expected) {
        ZonedDateTime from = ZonedDateTime.parse(after);
        ZonedDateTime next = CronExpression.parse(expression).next(from);
        assertEquals(ZonedDateTime.parse(expected).toInstant(), next.toInstant(),
                "'" + expression + "' after " + after + " fired at " + next);
        assertEquals(from.getZone(), next.getZone(), "the fire time keeps the zone it was computed in");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            ''                 | it has 0 fields
            * * * *            | it has 4 fields
            * * * * * * *      | it has 7 fields
            60 * * * *         | minute field: value 60 is out of range 0-59
            * 24 * * *         | hour field: value 24 is out of range 0-23
            * * 0 * *          | day-of-month field: value 0 is out of range 1-31
            * * 32 * *         | day-of-month field: value 32 is out of range 1-31
            * * * 13 *         | month field: value 13 is out of range 1-12
            * * * * 8          | day-of-week field: value 8 is out of range 0-7
            * * * * * 60       | second field: value 60 is out of range 0-59
            */0 * * * *        | minute field: step must be >= 1, was '0'
            */x * * * *        | minute field: step 'x' is not a number
            5-2 * * * *        | minute field: range '5-2' ends before it starts
            * * * FOO *        | month field: value 'FOO' is not a number (or one of JAN
            * * * * MOM        | day-of-week field: value 'MOM' is not a number (or one of SUN
            * * L * *          | day-of-month field: value 'L' is not a number; the Quartz extensions L, W, # and ? are not supported
            * * * * MON#2      | day-of-week field: value 'MON#2' is not a number
            * * ? * *          | day-of-month field: value '?' is not a number
            1,,2 * * * *       | minute field: empty element in list '1,,2'
            -5 * * * *         | minute field: missing value
            0 0 30 2 *         | day-of-month field: day 30 never occurs in the selected months
            0 0 31 4,6,9,11 *  | day-of-month field: day 31 never occurs in the selected months
            @reboot            | unknown macro @reboot
            """)
    void invalidExpressionsNameTheFieldAndTheValue(String expression, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CronExpression.parse(expression));
        assertTrue(e.getMessage().contains(message),
                "message for '" + expression + "' should contain \"" + message + "\" but was: " + e.getMessage());
        assertTrue(e.getMessage().contains("'" + expression.strip() + "'") || expression.isBlank(),
                "message should quote the expression: " + e.getMessage());
    }

    @Test
    void thirtyFirstOfFebruaryIsAcceptedWhenTheDayOfWeekAlsoRestricts() {
        // both fields restrict, so the day-of-week alone can match
        CronExpression e = CronExpression.parse("0 0 31 2 MON");
        assertEquals(Instant.parse("2024-02-05T00:00:00Z"), e.next(Instant.parse("2024-02-01T00:00:00Z")));
    }

    @Test
    void nextOfAnInstantIsComputedInUtc() {
        CronExpression e = CronExpression.parse("0 9 * * *");
        assertEquals(Instant.parse("2024-01-01T09:00:00Z"), e.next(Instant.parse("2024-01-01T08:00:00Z")));
    }

    @Test
    void successiveFireTimesOfAnHourlyExpressionAcrossBothBerlinTransitionsNeverRepeatAnInstant() {
        CronExpression hourly = CronExpression.parse("@hourly");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<ZonedDateTime> spring = run(hourly, ZonedDateTime.of(2024, 3, 31, 0, 30, 0, 0, berlin), 4);
        assertEquals(List.of("01:00+01:00", "03:00+02:00", "04:00+02:00", "05:00+02:00"), times(spring),
                "spring: 02:00 does not exist and falls on 03:00, which fires once");
        List<ZonedDateTime> autumn = run(hourly, ZonedDateTime.of(2024, 10, 27, 0, 30, 0, 0, berlin), 4);
        assertEquals(List.of("01:00+02:00", "02:00+02:00", "03:00+01:00", "04:00+01:00"), times(autumn),
                "autumn: the repeated 02:00 fires once, at its first occurrence");
    }

    @Test
    void fireTimesInUtcAgreeWithAMinuteByMinuteSearch() {
        Random random = new Random(20240229L);
        String[][] choices = {
            {"*", "0", "*/7", "5-40/5", "1,31,59", "15/20"},
            {"*", "0", "*/5", "9-17", "3,23"},
            {"*", "1", "*/3", "10-20", "31", "28-31"},
            {"*", "2", "*/4", "jan-mar", "6,12"},
            {"*", "0", "mon-fri", "6", "1,3,5"},
        };
        for (int i = 0; i < 30; i++) {
            StringBuilder text = new StringBuilder();
            for (String[] field : choices) {
                text.append(field[random.nextInt(field.length)]).append(' ');
            }
            String expression = text.toString().strip();
            CronExpression cron = CronExpression.parse(expression);
            LocalDateTime after = LocalDateTime.of(2023, 12, 20, 0, 0).plusMinutes(random.nextInt(500_000));
            LocalDateTime expected = bruteForce(expression, after);
            assertEquals(expected, cron.next(after.atZone(ZoneOffset.UTC)).toLocalDateTime(),
                    "'" + expression + "' after " + after);
        }
    }

    @Test
    void macrosEqualTheirExpansionAndToStringIsTheText() {
        assertEquals(CronExpression.parse("0 0 * * *"), CronExpression.parse("@daily"));
        assertEquals(CronExpression.parse("0 0 * * 0").hashCode(), CronExpression.parse("0 0 * * 7").hashCode());
        assertNotEquals(CronExpression.parse("0 0 * * *"), CronExpression.parse("0 0 * * * 1"));
        assertEquals("*/5 * * * *", CronExpression.parse("  */5   *  * * *  ").toString().replaceAll("\\s+", " "));
    }

    @Test
    void matchesComparesLocalTimeToTheSecond() {
        CronExpression e = CronExpression.parse("30 2 * * 1-5 15");
        assertTrue(e.matches(LocalDateTime.of(2024, 1, 1, 2, 30, 15)), "Monday 02:30:15 matches");
        assertTrue(e.matches(LocalDateTime.of(2024, 1, 1, 2, 30, 15, 999)), "fractions of a second are ignored");
        assertFalse(e.matches(LocalDateTime.of(2024, 1, 6, 2, 30, 15)), "Saturday does not match");
        assertFalse(e.matches(LocalDateTime.of(2024, 1, 1, 2, 30, 0)), "second 0 does not match");
    }

    /** An independent, deliberately naive reading of the syntax the random test uses. */
    private static LocalDateTime bruteForce(String expression, LocalDateTime after) {
        String[] f = expression.split(" ");
        Set<Integer> minutes = expand(f[0], 0, 59);
        Set<Integer> hours = expand(f[1], 0, 23);
        Set<Integer> days = expand(f[2], 1, 31);
        Set<Integer> months = expand(f[3], 1, 12);
        Set<Integer> weekdays = expand(f[4], 0, 6);
        boolean bothRestrict = days.size() < 31 && weekdays.size() < 7;
        LocalDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (int i = 0; i < 2 * 366 * 24 * 60; i++, t = t.plusMinutes(1)) {
            boolean dom = days.contains(t.getDayOfMonth());
            boolean dow = weekdays.contains(t.getDayOfWeek().getValue() % 7);
            boolean day = bothRestrict ? dom || dow : dom && dow;
            if (day && minutes.contains(t.getMinute()) && hours.contains(t.getHour())
                    && months.contains(t.getMonthValue())) {
                return t;
            }
        }
        throw new AssertionError("no match for " + expression + " within two years after " + after);
    }

    private static Set<Integer> expand(String field, int min, int max) {
        List<String> names = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                "nov", "dec", "sun", "mon", "tue", "wed", "thu", "fri", "sat");
        Set<Integer> out = new TreeSet<>();
        for (String part : field.split(",")) {
            String[] rangeStep = part.split("/");
            int step = rangeStep.length > 1 ? Integer.parseInt(rangeStep[1]) : 1;
            int from;
            int to;
            if (rangeStep[0].equals("*")) {
                from = min;
                to = max;
            } else if (rangeStep[0].contains("-")) {
                String[] ends = rangeStep[0].split("-");
                from = names.contains(ends[0]) ? names.indexOf(ends[0]) % 12 + min : Integer.parseInt(ends[0]);
                to = names.contains(ends[1]) ? names.indexOf(ends[1]) % 12 + min : Integer.parseInt(ends[1]);
            } else {
                from = Integer.parseInt(rangeStep[0]);
                to = rangeStep.length > 1 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                out.add(v);
            }
        }
        return out;
    }

    private static List<ZonedDateTime> run(CronExpression cron, ZonedDateTime from, int count) {
        List<ZonedDateTime> out = new ArrayList<>();
        ZonedDateTime t = from;
        for (int i = 0; i < count; i++) {
            t = cron.next(t);
            out.add(t);
        }
        return out;
    }

    private static List<String> times(List<ZonedDateTime> times) {
        return times.stream().map(t -> t.toLocalTime() + t.getOffset().toString()).toList();
    }
}
