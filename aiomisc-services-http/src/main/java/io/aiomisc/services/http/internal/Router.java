package io.aiomisc.services.http.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the route of a method and path: exact patterns by one hash lookup, patterns with {@code {name}} segments
 * in the order they were added. The first of those that matches the path and has the method wins; 405 only when
 * none has it, allowing the methods of all that match. Immutable once built; thread-safe.
 */
public final class Router {
    /**
     * The outcome of a lookup.
     *
     * @param route       the route, or null for 404 and 405
     * @param params      the raw (still percent-encoded) path parameters of the matched pattern
     * @param status      0 when a route matched, else 404 or 405, or 400 for a path with a malformed escape
     * @param allow       the {@code Allow} header value for 405
     * @param headFromGet whether a HEAD request is answered by the GET route
     */
    public record Match(Route route, Map<String, String> params, int status, String allow, boolean headFromGet) {
    }

    private static final Match NOT_FOUND = new Match(null, Map.of(), 404, null, false);
    private static final Match MALFORMED = new Match(null, Map.of(), 400, null, false);

    private final Map<String, PathEntry> exact = new HashMap<>();
    private final List<PathEntry> patterned = new ArrayList<>();

    /**
     * Builds a router.
     *
     * @param routes the routes, validated and without duplicates
     */
    public Router(List<Route> routes) {
        Map<String, PathEntry> byPattern = new LinkedHashMap<>();
        for (Route route : routes) {
            byPattern.computeIfAbsent(route.pattern(), PathEntry::new).byMethod.put(route.method(), route);
        }
        for (PathEntry entry : byPattern.values()) {
            entry.freeze();
            if (entry.paramNames.isEmpty()) {
                exact.put(entry.pattern, entry);
            } else {
                patterned.add(entry);
            }
        }
    }

    /**
     * Checks a pattern: starts with {@code /}, parameters are whole segments {@code {name}} with distinct names.
     *
     * @param pattern the pattern
     * @return the pattern
     * @throws IllegalArgumentException naming the pattern and the problem
     */
    public static String checkPattern(String pattern) {
        if (pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw new IllegalArgumentException("pattern must start with '/', was \"" + pattern + "\"");
        }
        List<String> names = new ArrayList<>();
        for (String segment : segments(pattern)) {
            boolean param = segment.startsWith("{") && segment.endsWith("}");
            if (param) {
                String name = segment.substring(1, segment.length() - 1);
                if (name.isEmpty() || names.contains(name) || name.contains("{") || name.contains("}")) {
                    throw new IllegalArgumentException("pattern \"" + pattern + "\" has an empty, nested or repeated "
                            + "parameter " + segment);
                }
                names.add(name);
            } else if (segment.contains("{") || segment.contains("}") || segment.contains("?")
                    || segment.contains("#")) {
                throw new IllegalArgumentException("pattern \"" + pattern + "\": a parameter must be a whole "
                        + "segment like /{id}, and '?' and '#' are not allowed; segment was \"" + segment + "\"");
            }
        }
        return pattern;
    }

    /**
     * Looks a request up.
     *
     * @param method  the request method
     * @param rawPath the path as sent (not decoded), without the query
     * @return the match, or 404 / 405, or 400 when the path has a malformed percent escape
     */
    public Match match(String method, String rawPath) {
        if (rawPath.indexOf('%') >= 0 && !PathDecoding.isWellFormed(rawPath)) {
            return MALFORMED;
        }
        PathEntry entry = exact.get(rawPath);
        List<PathEntry> lacking = null;
        Map<String, String> lackingParams = Map.of();
        if (entry != null) {
            Match cached = entry.matches.get(method);
            if (cached != null) {
                return cached;
            }
            Match found = entry.find(method, Map.of());
            if (found != null) {
                return found;
            }
            lacking = new ArrayList<>(2);
            lacking.add(entry);
        }
        // A path entry without the method does not end the search: a later pattern matching the same path may
        // have it (GET /users/me and DELETE /users/{id}).
        String[] segments = null;
        for (PathEntry candidate : patterned) {
            if (segments == null) {
                segments = segments(rawPath);
            }
            Map<String, String> params = candidate.match(segments);
            if (params == null) {
                continue;
            }
            Match found = candidate.find(method, params);
            if (found != null) {
                return found;
            }
            if (lacking == null) {
                lacking = new ArrayList<>(2);
                lackingParams = params;
            }
            lacking.add(candidate);
        }
        if (lacking == null) {
            return NOT_FOUND;
        }
        return new Match(null, lackingParams, 405, allow(lacking), false);
    }

    private static String allow(List<PathEntry> entries) {
        if (entries.size() == 1) {
            return entries.get(0).allow;
        }
        TreeSet<String> methods = new TreeSet<>();
        for (PathEntry entry : entries) {
            methods.addAll(entry.methods);
        }
        return String.join(", ", methods);
    }

    static String[] segments(String path) {
        // "/a/b" -> ["a", "b"]; "/" -> [""]; a trailing slash is a last empty segment, so /a and /a/ differ.
        return path.substring(1).split("/", -1);
    }

    /** Decodes a raw parameter value: percent escapes only, a '+' stays a '+'. */
    static String decode(String raw) {
        return PathDecoding.decode(raw);
    }

    private static final class PathEntry {
        final String pattern;
        final String[] segments;
        final List<String> paramNames = new ArrayList<>();
        final Map<String, Route> byMethod = new LinkedHashMap<>();
        // Matches of a parameterless path, made once: the hot path allocates nothing to route.
        final Map<String, Match> matches = new HashMap<>();
        final TreeSet<String> methods = new TreeSet<>();
        String allow;

        PathEntry(String pattern) {
            this.pattern = pattern;
            this.segments = segments(pattern);
            for (String segment : segments) {
                if (isParam(segment)) {
                    paramNames.add(segment.substring(1, segment.length() - 1));
                }
            }
        }

        void freeze() {
            methods.addAll(byMethod.keySet());
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            allow = String.join(", ", methods);
            byMethod.forEach((method, route) -> matches.put(method, new Match(route, Map.of(), 0, null, false)));
        }

        /** Returns the route of a method here (HEAD falls back to GET), or null when this entry lacks it. */
        Match find(String method, Map<String, String> params) {
            Route route = byMethod.get(method);
            if (route != null) {
                return new Match(route, params, 0, null, false);
            }
            if (method.equals("HEAD")) {
                route = byMethod.get("GET");
                if (route != null) {
                    return new Match(route, params, 0, null, true);
                }
            }
            return null;
        }

        Map<String, String> match(String[] path) {
            if (path.length != segments.length) {
                return null;
            }
            Map<String, String> params = null;
            for (int i = 0; i < segments.length; i++) {
                if (isParam(segments[i])) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    if (params == null) {
                        params = new HashMap<>(4);
                    }
                    params.put(segments[i].substring(1, segments[i].length() - 1), path[i]);
                } else if (!segments[i].equals(path[i])) {
                    return null;
                }
            }
            return params == null ? Map.of() : params;
        }

        private static boolean isParam(String segment) {
            return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
        }
    }
}
