package io.gitlore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;

/**
 * Reads the Javadoc of a config mapping's methods from the module's source with the JDK's own parser: takes the
 * mapping (or group) type, gives each method's comment as one Markdown line, in declaration order.
 */
final class MappingJavadoc {

    private MappingJavadoc() {
    }

    /** The source file in the module, or in a library module beside it (the scraper's options live in scraper-core). */
    private static Path locate(Path module, String relative) {
        Path own = module.resolve("src/main/java").resolve(relative);
        if (Files.isRegularFile(own)) {
            return own;
        }
        try (java.util.stream.Stream<Path> siblings = Files.list(module.getParent())) {
            return siblings.map(m -> m.resolve("src/main/java").resolve(relative)).filter(Files::isRegularFile)
                    .findFirst().orElse(own);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Method name to rendered Javadoc, in declaration order, read from the module's source with javac's parser. */
    static Map<String, String> of(Class<?> type, Path module) {
        Deque<String> nesting = new ArrayDeque<>();
        Class<?> top = type;
        for (; top.getEnclosingClass() != null; top = top.getEnclosingClass()) {
            nesting.push(top.getSimpleName());
        }
        nesting.push(top.getSimpleName());
        String relative = top.getName().replace('.', '/') + ".java";
        Path file = locate(module, relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(type.getName() + " is documented from its source, which is not at " + file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjects(file));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                List<? extends Tree> members = unit.getTypeDecls();
                ClassTree found = null;
                for (String name : nesting) {
                    found = members.stream().filter(t -> t instanceof ClassTree c
                            && c.getSimpleName().contentEquals(name)).map(ClassTree.class::cast).findFirst()
                            .orElseThrow(() -> new AssertionError("no type " + name + " in " + file));
                    members = found.getMembers();
                }
                Map<String, String> out = new LinkedHashMap<>();
                for (Tree member : members) {
                    if (member instanceof MethodTree method) {
                        DocCommentTree doc = docs.getDocCommentTree(TreePath.getPath(unit, method));
                        out.put(method.getName().toString(), doc == null ? null : render(doc.getFullBody()));
                    }
                }
                return out;
            }
            throw new AssertionError("javac parsed nothing from " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String render(List<? extends DocTree> body) {
        StringBuilder out = new StringBuilder();
        for (DocTree tree : body) {
            switch (tree.getKind()) {
                case TEXT -> out.append(((TextTree) tree).getBody());
                case CODE, LITERAL -> out.append('`').append(((LiteralTree) tree).getBody().getBody()).append('`');
                case LINK, LINK_PLAIN -> {
                    LinkTree link = (LinkTree) tree;
                    out.append(link.getLabel().isEmpty() ? link.getReference().getSignature()
                            : render(link.getLabel()));
                }
                default -> out.append(tree);
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }
}
