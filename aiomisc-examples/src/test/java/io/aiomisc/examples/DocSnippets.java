package io.aiomisc.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the code blocks of the project's Markdown pages and the source regions they quote.
 *
 * <p>A quoted block is a fenced block whose opening fence directly follows a marker line such as
 * {@code <!-- snippet: aiomisc-core/src/test/java/io/aiomisc/snippets/CoreSnippets.java#region -->} (the path
 * from the repository's top). The region is the lines between the source lines that contain
 * {@code tag::region[]} and {@code end::region[]} (in any comment syntax), without lines that mark other regions,
 * shifted left by their common indentation. The source is compiled by its module's build, so a quote
 * that equals its region is code that compiles.
 */
final class DocSnippets {
    private static final Pattern MARKER = Pattern.compile("^\\s*<!-- snippet: ([^#\\s]+)#([\\w.-]+) -->\\s*$");
    /**
     * An opening fence as Markdown renders one: three or more backticks or tildes, at any indentation (inside a list
     * item too), then an info string whose first word is the language, in any case ({@code ```Java},
     * {@code ``` java title="A"}, {@code ~~~java}).
     */
    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})[ \\t]*([^`\\s]*)[^`]*$");
    private static final Pattern ANY_TAG = Pattern.compile("(tag|end)::[\\w.-]+\\[]");

    private DocSnippets() {
    }

    /**
     * A fenced block of a Markdown page.
     *
     * @param page     the page, relative to the repository root
     * @param line     the 1-based line of the opening fence
     * @param language the fence's info string ({@code java}, {@code xml}, or empty)
     * @param quote    what the block quotes, or null if it has no marker
     * @param body     the lines between the fences
     */
    record Block(Path page, int line, String language, Quote quote, List<String> body) {
        /** Where the block is, for messages: {@code docs/core.md:42}. */
        String where() {
            return page + ":" + line;
        }
    }

    /**
     * A marker's target.
     *
     * @param source the source file, relative to the repository root
     * @param region the region's name
     */
    record Quote(Path source, String region) {
        @Override
        public String toString() {
            return source + "#" + region;
        }
    }

    /** The repository root: the nearest directory at or above the working directory that has ARCHITECTURE.md. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ARCHITECTURE.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no ARCHITECTURE.md at or above " + Path.of("").toAbsolutePath());
    }

    /** README.md, ARCHITECTURE.md and every page under docs/, relative to {@code root}, in a stable order. */
    static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("ARCHITECTURE.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()
                    .forEach(p -> pages.add(root.relativize(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /**
     * The fenced blocks of one page.
     *
     * @throws IllegalStateException if a fence is not closed or a marker is not followed by a fence
     */
    static List<Block> blocks(Path root, Path page) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(page));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (marker.matches() && (i + 1 == lines.size() || !FENCE.matcher(lines.get(i + 1)).matches())) {
                throw new IllegalStateException(page + ":" + (i + 1) + ": a snippet marker must directly precede a fence");
            }
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !closes(lines.get(close), fence.group(1))) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalStateException(page + ":" + (i + 1) + ": the fence is never closed");
            }
            Quote quote = null;
            if (i > 0 && (marker = MARKER.matcher(lines.get(i - 1))).matches()) {
                quote = new Quote(Path.of(marker.group(1)), marker.group(2));
            }
            blocks.add(new Block(page, i + 1, fence.group(2).toLowerCase(Locale.ROOT), quote,
                    List.copyOf(lines.subList(i + 1, close))));
            i = close;
        }
        return blocks;
    }

    /** Whether {@code line} closes a block opened by {@code opening}: the same character, at least as many. */
    private static boolean closes(String line, String opening) {
        String fence = line.strip();
        return fence.length() >= opening.length() && fence.chars().allMatch(c -> c == opening.charAt(0));
    }

    /**
     * The lines of a region of a source file, shifted left by their common indentation.
     *
     * @throws IllegalStateException if the region is missing, opened twice, or never closed
     */
    static List<String> region(Path root, Quote quote) throws IOException {
        Path file = root.resolve(quote.source());
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no source file " + quote.source());
        }
        String open = "tag::" + quote.region() + "[]";
        String close = "end::" + quote.region() + "[]";
        List<String> lines = Files.readAllLines(file);
        List<String> region = null;
        boolean seen = false;
        for (String line : lines) {
            if (line.contains(open)) {
                if (seen) {
                    throw new IllegalStateException(quote + ": the region is opened twice");
                }
                seen = true;
                region = new ArrayList<>();
            } else if (line.contains(close)) {
                if (region == null) {
                    throw new IllegalStateException(quote + ": the region is closed before it is opened");
                }
                return dedent(region);
            } else if (region != null && !ANY_TAG.matcher(line).find()) {
                region.add(line.stripTrailing());
            }
        }
        throw new IllegalStateException(quote + (seen ? ": the region is never closed" : ": no such region"));
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    /** Rewrites the page so that every quoted block equals its region; returns whether anything changed. */
    static boolean sync(Path root, Path page) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(root.resolve(page)));
        List<Block> blocks = blocks(root, page);
        boolean changed = false;
        for (int b = blocks.size() - 1; b >= 0; b--) { // from the end, so earlier line numbers stay valid
            Block block = blocks.get(b);
            if (block.quote() == null) {
                continue;
            }
            List<String> region = region(root, block.quote());
            if (!region.equals(block.body())) {
                List<String> body = lines.subList(block.line(), block.line() + block.body().size());
                body.clear();
                body.addAll(region);
                changed = true;
            }
        }
        if (changed) {
            Files.write(root.resolve(page), lines);
        }
        return changed;
    }
}
