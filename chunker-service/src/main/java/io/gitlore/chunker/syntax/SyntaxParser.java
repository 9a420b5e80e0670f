package io.gitlore.chunker.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.gitlore.chunker.cache.Lru;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.treesitter.TSInputEdit;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSReader;
import org.treesitter.TSTree;

/**
 * Parses source files with tree-sitter and returns their {@link Unit}s. Keeps recent trees by blob id so that the
 * next version of a file is re-parsed incrementally (copy, edit, reparse) rather than from scratch, and so that
 * complexity can be counted later for just the units that change.
 * Not thread-safe: one instance per thread; close it to free the native parsers, queries and trees.
 */
public final class SyntaxParser implements AutoCloseable {

    /** A version's tree, and its line start offsets for editing a copy of it into the next version's tree. */
    private record Cached(String blobId, TSTree tree, int[] lineOffsets) {
    }

    // Keyed by identity: the specs are constants, and a record hashes all its maps.
    private final Map<LanguageSpec, TSParser> parsers = new IdentityHashMap<>();
    private final Map<LanguageSpec, TSQuery> decisionQueries = new IdentityHashMap<>();
    private final Map<LanguageSpec, TSQuery> boundaryQueries = new IdentityHashMap<>();
    private final Map<LanguageSpec, TSLanguage> languages = new IdentityHashMap<>();
    private final Map<String, Cached> trees;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final UnitExtractor extractor = new UnitExtractor();
    private final byte[] readBuffer = new byte[16_384];
    private final ParseMeters meters;

    /** A parser whose meters go to a registry of its own (tests, tools). */
    public SyntaxParser(int cachedTrees) {
        this(cachedTrees, new SimpleMeterRegistry());
    }

    public SyntaxParser(int cachedTrees, MeterRegistry registry) {
        this.trees = new Lru<>(cachedTrees, cached -> cached.tree().close());
        this.meters = new ParseMeters(registry);
    }

    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * Parses one version of a file and caches its tree under its blob id.
     *
     * @param previousBlobId the blob this version was derived from (the old side of the change), or {@code null}
     * @param edits          the line edits from that blob to this one; when the previous version's tree is cached,
     *                       a copy of it is edited and re-parsed incrementally instead of parsing from scratch
     */
    public ParsedFile parse(LanguageSpec spec, String path, String blobId, String text, String previousBlobId,
                            List<LineEdit> edits, String previousText) {
        return parse(spec, path, null, blobId, text, previousBlobId, edits, previousText);
    }

    /**
     * Parses one version of a file whose module the project's manifests declare ({@code module}, or {@code null} to
     * name units from the file's own package declaration and its path).
     */
    public ParsedFile parse(LanguageSpec spec, String path, String module, String blobId, String text,
                            String previousBlobId, List<LineEdit> edits, String previousText) {
        TSParser parser = parser(spec);
        Cached previous = previousBlobId == null ? null : trees.get(previousBlobId);
        TSTree tree;
        long t0 = cpuNanos();
        byte[] utf8 = parserBytes(spec, text);
        int[] offsets = lineOffsets(utf8);
        if (previous != null && edits != null && previousText != null) {
            TSTree base = previous.tree().copy();
            int[] previousOffsets = previous.lineOffsets() != null ? previous.lineOffsets()
                    : lineOffsets(previousText.getBytes(StandardCharsets.UTF_8));
            applyEdits(base, edits, previousOffsets, offsets);
            tree = parse(parser, base, utf8);
            base.close();
            meters.incrementalParse(cpuNanos() - t0);
        } else {
            tree = parse(parser, null, utf8);
            meters.fullParse(previousBlobId != null, cpuNanos() - t0);
        }
        long t1 = cpuNanos();
        ParsedFile parsed = extractor.extract(spec, path, module, tree.getRootNode(), utf8);
        meters.extraction(cpuNanos() - t1);
        if (blobId != null) {
            Cached old = trees.put(blobId, new Cached(blobId, tree, offsets));
            if (old != null) {
                old.tree().close();
            }
        } else {
            tree.close();
        }
        return parsed;
    }

    /**
     * A unit's cyclomatic complexity: 1 + the decision points inside it, counted by the language's query over the
     * unit's byte range only. Computed on demand for the units that become chunks, which is most of the saving
     * over querying whole trees; re-parses the version if its tree has left the cache.
     */
    public int complexity(LanguageSpec spec, String blobId, String text, Unit unit) {
        int[] count = {0};
        captures(spec, blobId, text, unit, decisionQueries, spec.decisionQuery(), node -> count[0]++);
        return 1 + count[0];
    }

    /**
     * The lines of a unit, after its first, that begin a statement, item, match arm, field or element at the start
     * of the line: where a part of an oversized unit may begin without cutting a statement in two. Computed on
     * demand, like complexity, for the few units over the size limit.
     */
    public BitSet boundaries(LanguageSpec spec, String blobId, String text, Unit unit) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] offsets = lineOffsets(utf8);
        BitSet lines = new BitSet();
        captures(spec, blobId, text, unit, boundaryQueries, spec.boundaryQuery(), node -> {
            int row = Nodes.startRow(node);
            if (row + 1 <= unit.startLine() || row >= offsets.length - 1) {
                return;
            }
            int indent = offsets[row];
            while (indent < utf8.length && (utf8[indent] == ' ' || utf8[indent] == '\t')) {
                indent++;
            }
            if (Nodes.startByte(node) == indent) {
                lines.set(row + 1);
            }
        });
        return lines;
    }

    /** Hands each capture of a query that starts inside the unit to {@code each}, on the version's cached tree. */
    private void captures(LanguageSpec spec, String blobId, String text, Unit unit, Map<LanguageSpec, TSQuery> queries,
                          String source, Consumer<TSNode> each) {
        Cached cached = blobId == null ? null : trees.get(blobId);
        if (cached == null && blobId != null) {
            cached = new Cached(blobId, parse(parser(spec), null, parserBytes(spec, text)), null);
            meters.complexityParse();
            trees.put(blobId, cached);
        }
        TSTree tree = cached != null ? cached.tree()
                : parse(parser(spec), null, parserBytes(spec, text));
        try (TSQueryCursor cursor = new TSQueryCursor()) {
            TSQuery query = queries.computeIfAbsent(spec, s -> new TSQuery(language(s), source));
            cursor.setByteRange(unit.startByte(), unit.endByte());
            cursor.exec(query, tree.getRootNode());
            TSQueryMatch match = new TSQueryMatch();
            while (cursor.nextMatch(match)) {
                for (var capture : match.getCaptures()) {
                    int at = Nodes.startByte(capture.getNode());
                    if (at >= unit.startByte() && at < unit.endByte()) {
                        each.accept(capture.getNode());
                    }
                }
            }
        } finally {
            if (cached == null) {
                tree.close();
            }
        }
    }

    /**
     * Parses UTF-8 bytes through a reader that copies them into the parser's buffer on demand. The binding's
     * {@code parseString} converts the whole Java string on every call, which cost more than the incremental
     * re-parse itself (2.4 ms against 0.5 ms for an unchanged 136 KB file); a reader is asked only for the regions
     * the parser actually reads. (The binding's {@code parse} with a null reader crashes the JVM: never pass one.)
     */
    private TSTree parse(TSParser parser, TSTree old, byte[] utf8) {
        TSReader reader = (buffer, offset, position) -> {
            if (offset >= utf8.length) {
                return 0;
            }
            int n = Math.min(buffer.length, utf8.length - offset);
            System.arraycopy(utf8, offset, buffer, 0, n);
            return n;
        };
        return parser.parse(readBuffer, old, reader, TSInputEncoding.TSInputEncodingUTF8);
    }

    private TSParser parser(LanguageSpec spec) {
        return parsers.computeIfAbsent(spec, s -> {
            TSParser p = new TSParser();
            p.setLanguage(language(s));
            return p;
        });
    }

    private TSLanguage language(LanguageSpec spec) {
        return languages.computeIfAbsent(spec, s -> s.grammar().get());
    }

    private static void applyEdits(TSTree tree, List<LineEdit> edits, int[] oldLines, int[] newLines) {
        for (LineEdit e : edits) {
            // Edits apply top to bottom: text before edit i is already the new text, text after it still the old.
            int start = offset(newLines, e.newStart());
            int oldLength = offset(oldLines, e.oldStart() + e.oldCount()) - offset(oldLines, e.oldStart());
            int newEnd = offset(newLines, e.newStart() + e.newCount());
            int row = e.newStart() - 1;
            tree.edit(new TSInputEdit(start, start + oldLength, newEnd, new TSPoint(row, 0),
                    new TSPoint(row + e.oldCount(), 0), new TSPoint(row + e.newCount(), 0)));
        }
    }

    /** The bytes the parser reads: the file's UTF-8, with Rust the grammar misses respelled at the same length. */
    private static byte[] parserBytes(LanguageSpec spec, String text) {
        return (spec == LanguageSpec.RUST ? RustGrammarGaps.forParser(text) : text).getBytes(StandardCharsets.UTF_8);
    }

    /** Byte offset of each line start; the last entry is the length. */
    static int[] lineOffsets(byte[] text) {
        int[] offsets = new int[16];
        int n = 0;
        offsets[n++] = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' && i + 1 <= text.length) {
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, n * 2);
                }
                offsets[n++] = i + 1;
            }
        }
        if (offsets[n - 1] != text.length) {
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n + 1);
            }
            offsets[n++] = text.length;
        }
        return Arrays.copyOf(offsets, n);
    }

    private static int offset(int[] lines, int line1) {
        int index = Math.max(0, line1 - 1);
        return index < lines.length ? lines[index] : lines[lines.length - 1];
    }


    @Override
    public void close() {
        trees.values().forEach(c -> c.tree().close());
        trees.clear();
        decisionQueries.values().forEach(TSQuery::close);
        boundaryQueries.values().forEach(TSQuery::close);
        parsers.values().forEach(TSParser::close);
    }
}
