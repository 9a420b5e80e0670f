package io.gitlore.scraper.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objects a repository copy lacks and the paths whose history touches a missing blob, so a git baseline can
 * leave those paths out ({@code git log -p} dies on the first missing blob; the scraper records the file as
 * unavailable and goes on).
 */
record MissingObjects(Set<String> ids, Set<String> paths, int otherThanBlobs) {

    static MissingObjects find(Path gitDir) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        String objects = new String(GitRun.output(gitDir, List.of("git", "rev-list", "--objects", "--all",
                "--missing=print")), StandardCharsets.UTF_8);
        for (String line : objects.split("\n")) {
            if (line.startsWith("?")) {
                ids.add(line.substring(1).trim());
            }
        }
        Set<String> paths = new TreeSet<>();
        Set<String> blobs = new HashSet<>();
        if (!ids.isEmpty()) {
            // Trees are all here when only blobs are missing, so the raw tree diff of every commit can be listed.
            String raw = new String(GitRun.output(gitDir, List.of("git", "log", "--all", "--diff-merges=first-parent",
                    "--no-renames", "--raw", "--no-abbrev", "-z", "--format=")), StandardCharsets.UTF_8);
            String[] fields = raw.split("\0");
            for (int i = 0; i + 1 < fields.length; i++) {
                String f = fields[i].strip();
                if (!f.startsWith(":")) {
                    continue;
                }
                String[] parts = f.split(" ");
                String path = fields[++i];
                for (String id : List.of(parts[2], parts[3])) {
                    if (ids.contains(id)) {
                        paths.add(path);
                        blobs.add(id);
                    }
                }
            }
        }
        return new MissingObjects(ids, paths, ids.size() - blobs.size());
    }

    /** Pathspec arguments that leave out every path with a missing blob (none when nothing is missing). */
    List<String> exclusions() {
        if (paths.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("--", "."));
        paths.forEach(p -> args.add(":(exclude,literal)" + p));
        return args;
    }

    String describe() {
        if (ids.isEmpty()) {
            return "missing objects: none";
        }
        return String.format("missing objects: %d (%d blobs on %d paths%s); the git baseline leaves those paths out",
                ids.size(), ids.size() - otherThanBlobs, paths.size(),
                otherThanBlobs > 0 ? ", " + otherThanBlobs + " other objects git cannot skip" : "");
    }
}
