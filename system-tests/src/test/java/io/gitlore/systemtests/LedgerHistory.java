package io.gitlore.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.gitlore.testsupport.FixtureRepo;

/**
 * The system tests' repository: a small Rust crate whose functions change one or two at a time over as many commits
 * as asked, with one distinctive function among them ({@link Landmark}), built with JGit at a fixed clock and seed,
 * so every copy has the same commit hashes. At a few hundred commits each stage is busy with it for seconds (the
 * fault suite); at a few dozen it is a quick end-to-end run. Small enough to embed and train on in a test.
 */
final class LedgerHistory {

    private static final String[] MODULES = {"account", "parse", "report", "store", "math", "ledger"};
    private static final String[] VERBS = {"total", "scale", "merge", "check", "fold", "limit", "split", "rank"};
    private static final String[] NOUNS = {"balance", "amount", "entries", "window", "rate", "digits", "fees"};

    private LedgerHistory() {
    }

    /** Builds the history once into {@code template}, then copies it to {@code target} (a new repository id). */
    static Path copy(Path template, Path target, int commits) {
        if (!Files.isDirectory(template.resolve(".git"))) {
            build(template, commits);
        }
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static void build(Path dir, int commits) {
        SplittableRandom random = new SplittableRandom(20240601L);
        List<List<Function>> modules = new ArrayList<>();
        try (FixtureRepo repo = FixtureRepo.init(dir)) {
            repo.write("Cargo.toml", "[package]\nname = \"ledger\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
            StringBuilder lib = new StringBuilder();
            for (String module : MODULES) {
                lib.append("pub mod ").append(module).append(";\n");
                List<Function> functions = new ArrayList<>();
                for (int f = 0; f < 5; f++) {
                    functions.add(Function.random(module, random));
                }
                modules.add(functions);
                repo.write(path(module), render(module, functions, 0));
            }
            repo.write("src/lib.rs", lib.toString());
            repo.write("README.md", readme(0));
            repo.commit("Initial ledger crate");
            for (int i = 1; i < commits; i++) {
                if (Landmark.subjectAt(i) != null) { // a commit of its own: the landmark's history is only these
                    List<Function> math = modules.get(List.of(MODULES).indexOf(Landmark.MODULE));
                    repo.write(Landmark.PATH, render(Landmark.MODULE, math, i));
                    repo.commit(Landmark.subjectAt(i));
                    continue;
                }
                int m = random.nextInt(MODULES.length);
                List<Function> functions = modules.get(m);
                String subject;
                if (i % 9 == 0) {
                    Function added = Function.random(MODULES[m], random);
                    functions.add(added);
                    subject = "Add " + added.name + " to " + MODULES[m];
                } else {
                    int f = random.nextInt(functions.size());
                    functions.set(f, functions.get(f).revised(random));
                    subject = "Tune " + functions.get(f).name + " in " + MODULES[m];
                }
                repo.write(path(MODULES[m]), render(MODULES[m], functions, i));
                if (i % 20 == 0) {
                    repo.write("README.md", readme(i));
                    subject += "; document release " + i / 20;
                }
                repo.commit(subject);
            }
        }
    }

    private static String path(String module) {
        return "src/" + module + ".rs";
    }

    /** The module's file as of commit {@code commit}: its functions, and the landmark where it lives there. */
    private static String render(String module, List<Function> functions, int commit) {
        StringBuilder out = new StringBuilder("//! The ").append(module).append(" part of the ledger.\n\n");
        for (Function f : functions) {
            out.append(f.code()).append('\n');
        }
        String landmark = module.equals(Landmark.MODULE) ? Landmark.codeAt(commit) : null;
        if (landmark != null) {
            out.append(landmark).append('\n');
        }
        return out.toString();
    }

    private static String readme(int release) {
        return "# ledger\n\nA small ledger crate.\n\n## Release " + release / 20 + "\n\nThis release tunes "
                + (release % 7 + 2) + " figures and keeps every account balanced.\n";
    }

    /** One Rust function whose body the history keeps revising. */
    private record Function(String name, int base, int step, int shift, String noun, int guard) {

        static Function random(String module, SplittableRandom r) {
            String name = VERBS[r.nextInt(VERBS.length)] + "_" + NOUNS[r.nextInt(NOUNS.length)] + "_"
                    + module.charAt(0) + r.nextInt(1000);
            return new Function(name, r.nextInt(1, 500), r.nextInt(2, 9), r.nextInt(1, 31),
                    NOUNS[r.nextInt(NOUNS.length)], r.nextInt(10, 10_000));
        }

        Function revised(SplittableRandom r) {
            return new Function(name, r.nextInt(1, 500), r.nextInt(2, 9), r.nextInt(1, 31),
                    NOUNS[r.nextInt(NOUNS.length)], r.nextInt(10, 10_000));
        }

        String code() {
            return """
                    /// Works out the %s of the %s (base %d, every %d entries).
                    pub fn %s(%s: &[u64]) -> u64 {
                        let mut acc: u64 = %d;
                        for (i, value) in %s.iter().enumerate() {
                            if i %% %d == 0 {
                                acc = acc.wrapping_mul(31).wrapping_add(*value);
                            } else if *value > %d {
                                acc ^= value.rotate_left(%d);
                            }
                        }
                        acc
                    }
                    """.formatted(name.split("_")[0], noun, base, step, name, noun, base, noun, step, guard, shift);
        }
    }
}
