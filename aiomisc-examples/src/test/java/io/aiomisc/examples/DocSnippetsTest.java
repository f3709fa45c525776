package io.aiomisc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.examples.DocSnippets.Block;
import io.aiomisc.examples.DocSnippets.Quote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java code block in README.md, ARCHITECTURE.md and docs/ compiles: it must quote a region of a source file
 * that a module's build compiles, and equal it line for line.
 *
 * <p>After editing a quoted source, bring the pages up to date with {@code scripts/docs-sync.sh}, which runs this
 * test with {@code -Daiomisc.docs.sync=true}: it rewrites the quoted blocks instead of failing on them.
 */
class DocSnippetsTest {
    /** Files the build compiles (or, for the BOM snippet, the POM that tests/bom-consumer builds). */
    private static final Pattern COMPILED = Pattern.compile(
            "(aiomisc-[a-z-]+|tests/bom-consumer)/(src/(main|test)/java/.+\\.java|pom\\.xml)");

    private final Path root = DocSnippets.repositoryRoot();

    @Test
    void everyJavaBlockInTheDocsQuotesACompiledSource() throws IOException {
        List<String> unquoted = new ArrayList<>();
        for (Path page : DocSnippets.pages(root)) {
            for (Block block : DocSnippets.blocks(root, page)) {
                if (block.language().equals("java") && block.quote() == null) {
                    unquoted.add(block.where());
                } else if (block.quote() != null
                        && !COMPILED.matcher(block.quote().source().toString().replace('\\', '/')).matches()) {
                    unquoted.add(block.where() + " quotes " + block.quote() + ", which no build compiles");
                }
            }
        }
        assertTrue(unquoted.isEmpty(), "Java blocks that no build compiles (precede each with a"
                + " '<!-- snippet: path#region -->' line quoting a compiled source):\n  " + String.join("\n  ", unquoted));
    }

    @Test
    void everyQuotedBlockEqualsItsRegion() throws IOException {
        boolean sync = Boolean.getBoolean("aiomisc.docs.sync");
        List<String> stale = new ArrayList<>();
        int quoted = 0;
        for (Path page : DocSnippets.pages(root)) {
            if (sync && DocSnippets.sync(root, page)) {
                System.out.println("updated " + page);
            }
            for (Block block : DocSnippets.blocks(root, page)) {
                if (block.quote() == null) {
                    continue;
                }
                quoted++;
                List<String> region = DocSnippets.region(root, block.quote());
                if (!region.equals(block.body())) {
                    stale.add(block.where() + " differs from " + block.quote() + firstDifference(block.body(), region));
                }
            }
        }
        assertTrue(quoted > 0, "no page quotes a source: the markers are not recognised");
        assertTrue(stale.isEmpty(), "code blocks that differ from the source they quote (run scripts/docs-sync.sh):\n  "
                + String.join("\n  ", stale));
    }

    @Test
    void aRegionIsShiftedLeftAndLeavesOutTheMarkersOfOtherRegions(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), """
                class A {
                    void a() {
                        // tag::outer[]
                        int x = 1;
                        // tag::inner[]
                          int y = 2;

                        // end::inner[]
                        int z = 3;   \s
                        // end::outer[]
                    }
                }
                """);
        assertEquals(List.of("int x = 1;", "  int y = 2;", "", "int z = 3;"),
                DocSnippets.region(dir, new Quote(Path.of("A.java"), "outer")));
        assertEquals(List.of("int y = 2;", ""), DocSnippets.region(dir, new Quote(Path.of("A.java"), "inner")));
    }

    @Test
    void aMissingOrUnclosedRegionIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), "// tag::open[]\nint x;\n");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> DocSnippets.region(dir, new Quote(Path.of("A.java"), "nope")));
        assertTrue(missing.getMessage().contains("A.java#nope: no such region"), missing.getMessage());
        IllegalStateException unclosed = assertThrows(IllegalStateException.class,
                () -> DocSnippets.region(dir, new Quote(Path.of("A.java"), "open")));
        assertTrue(unclosed.getMessage().contains("never closed"), unclosed.getMessage());
    }

    @Test
    void everySpellingOfAJavaFenceThatMarkdownRendersIsFoundSoNoneSlipsPastTheCheck(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("page.md"), """
                ``` java
                int a;
                ```
                ```Java title="B.java"
                int b;
                ```
                ~~~java
                int c;
                ~~~
                - a list item:

                  ```java
                  int d;
                  ```
                ````java
                ```
                int e;
                ````
                """);
        List<Block> blocks = DocSnippets.blocks(dir, Path.of("page.md"));
        assertEquals(List.of("java", "java", "java", "java", "java"), blocks.stream().map(Block::language).toList(),
                "each of these renders as a Java block, so each must be checked");
        assertEquals(List.of("int c;"), blocks.get(2).body());
        assertEquals(List.of("```", "int e;"), blocks.get(4).body(), "a longer fence is closed only by as long a one");
    }

    @Test
    void pagesInSubfoldersOfDocsAreChecked(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs/guides"));
        Files.writeString(dir.resolve("docs/guides/deep.md"), "text\n");
        assertTrue(DocSnippets.pages(dir).contains(Path.of("docs/guides/deep.md")));
    }

    @Test
    void blocksKnowTheirLanguageLineAndQuote(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("page.md"), """
                # Title
                <!-- snippet: m/src/test/java/A.java#r -->
                ```java
                int x = 1;
                ```

                ```bash
                echo hi
                ```
                """);
        List<Block> blocks = DocSnippets.blocks(dir, Path.of("page.md"));
        assertEquals(2, blocks.size());
        assertEquals("page.md:3", blocks.get(0).where());
        assertEquals("java", blocks.get(0).language());
        assertEquals(new Quote(Path.of("m/src/test/java/A.java"), "r"), blocks.get(0).quote());
        assertEquals(List.of("int x = 1;"), blocks.get(0).body());
        assertEquals("bash", blocks.get(1).language());
        assertNull(blocks.get(1).quote());
    }

    @Test
    void aMarkerThatIsNotFollowedByAFenceIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("page.md"), "<!-- snippet: A.java#r -->\n\n```java\n```\n");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> DocSnippets.blocks(dir, Path.of("page.md")));
        assertTrue(error.getMessage().startsWith("page.md:1:"), error.getMessage());
    }

    @Test
    void syncRewritesAStaleBlockAndLeavesTheRestOfThePage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), "// tag::r[]\nint x = 2;\nint y = 3;\n// end::r[]\n");
        Files.writeString(dir.resolve("page.md"), """
                before
                <!-- snippet: A.java#r -->
                ```java
                int x = 1;
                ```
                after
                """);
        assertTrue(DocSnippets.sync(dir, Path.of("page.md")));
        assertEquals("before\n<!-- snippet: A.java#r -->\n```java\nint x = 2;\nint y = 3;\n```\nafter\n",
                Files.readString(dir.resolve("page.md")));
        assertFalse(DocSnippets.sync(dir, Path.of("page.md")), "a second sync found something to change");
    }

    private static String firstDifference(List<String> doc, List<String> source) {
        int i = 0;
        while (i < doc.size() && i < source.size() && doc.get(i).equals(source.get(i))) {
            i++;
        }
        String inDoc = i < doc.size() ? doc.get(i) : "<end of block>";
        String inSource = i < source.size() ? source.get(i) : "<end of region>";
        return " at its line " + (i + 1) + ":\n      doc:    " + inDoc + "\n      source: " + inSource;
    }
}
