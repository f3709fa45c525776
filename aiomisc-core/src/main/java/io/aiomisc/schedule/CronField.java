package io.aiomisc.schedule;

import java.util.List;
import java.util.Locale;

/** One field of a cron expression: its name, its range and how its text turns into a bit mask of values. */
enum CronField {
    SECOND("second", 0, 59, List.of()),
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH("month", 1, 12,
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    // 7 is accepted as a second name for Sunday and folded onto 0
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;

    CronField(String label, int min, int max, List<String> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    String label() {
        return label;
    }

    /** Returns the mask of every value this field can take, used to tell a restricting field from "*". */
    long all() {
        long mask = rangeMask(min, max, 1);
        return this == DAY_OF_WEEK ? fold(mask) : mask;
    }

    /**
     * Parses the text of this field (a list of {@code *}, {@code n}, {@code a-b}, each optionally with
     * {@code /step}) into a mask whose bit {@code v} is set when value {@code v} matches.
     */
    long parse(String text, String expression) {
        long mask = 0;
        for (String element : text.split(",", -1)) {
            mask |= parseElement(element, text, expression);
        }
        return this == DAY_OF_WEEK ? fold(mask) : mask;
    }

    private long parseElement(String element, String text, String expression) {
        if (element.isEmpty()) {
            throw invalid(expression, "empty element in list '" + text + "'");
        }
        int slash = element.indexOf('/');
        String range = slash < 0 ? element : element.substring(0, slash);
        int step = 1;
        if (slash >= 0) {
            String stepText = element.substring(slash + 1);
            step = number(stepText, expression, "step");
            if (step < 1) {
                throw invalid(expression, "step must be >= 1, was '" + stepText + "'");
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-');
            if (dash < 0) {
                from = value(range, expression);
                // croniter reads "a/n" as "a-max/n"; for the day of the week max is 6 (Saturday): 7 is only
                // another name for Sunday, which "1/2" must not reach
                to = slash >= 0 ? (this == DAY_OF_WEEK ? 6 : max) : from;
            } else {
                from = value(range.substring(0, dash), expression);
                to = value(range.substring(dash + 1), expression);
                if (from > to) {
                    throw invalid(expression, "range '" + range + "' ends before it starts");
                }
            }
        }
        return rangeMask(from, to, step);
    }

    private int value(String token, String expression) {
        if (token.isEmpty()) {
            throw invalid(expression, "missing value");
        }
        int index = names.indexOf(token.toUpperCase(Locale.ROOT));
        int value = index >= 0 ? index + min : number(token, expression, "value");
        if (value < min || value > max) {
            throw invalid(expression, "value " + token + " is out of range " + min + "-" + max);
        }
        return value;
    }

    private int number(String token, String expression, String what) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String hint = names.isEmpty() ? "" : " (or one of " + String.join(", ", names) + ")";
            throw invalid(expression, what + " '" + token + "' is not a number" + hint
                    + (token.matches(".*[LW#?].*") ? "; the Quartz extensions L, W, # and ? are not supported" : ""));
        }
        return Integer.parseInt(token);
    }

    IllegalArgumentException invalid(String expression, String problem) {
        return new IllegalArgumentException(
                "invalid cron expression '" + expression + "': " + label + " field: " + problem);
    }

    private static long rangeMask(int from, int to, int step) {
        long mask = 0;
        for (int v = from; v <= to; v += step) {
            mask |= 1L << v;
        }
        return mask;
    }

    private static long fold(long mask) {
        return (mask & ~(1L << 7)) | ((mask >>> 7) & 1L);
    }
}
