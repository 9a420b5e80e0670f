package io.gitlore.scraper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.serde.Json;

/**
 * Per-commit numstat lines, from {@code git log --all --numstat -z} (histogram diff, merges against the first
 * parent, renames at 50%) or from scraped commit records, in one comparable shape; binary files count -1/-1.
 */
public final class Numstat {

    public record Line(String path, int insertions, int deletions) {
    }

    private Numstat() {
    }

    public static List<String> gitCommand() {
        return List.of("git", "-c", "core.quotepath=off", "log", "--all", "--numstat", "-z", "--format=%x01%H",
                "--diff-merges=first-parent", "--histogram", "-M50%", "-l1000");
    }

    public static Map<String, Set<Line>> ofGit(Path repo) throws IOException, InterruptedException {
        return ofGit(repo, List.of());
    }

    /** git's numstat with extra arguments (a pathspec that leaves out unreadable paths). */
    public static Map<String, Set<Line>> ofGit(Path repo, List<String> extra)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(gitCommand());
        command.addAll(extra);
        Process git = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(false).start();
        byte[] out = git.getInputStream().readAllBytes();
        if (git.waitFor() != 0) {
            throw new IllegalStateException("git log failed: "
                    + new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    /** Parses {@code -z} numstat: {@code ins\tdel\tpath\0}, or for renames {@code ins\tdel\t\0old\0new\0}. */
    static Map<String, Set<Line>> parse(String text) {
        Map<String, Set<Line>> commits = new LinkedHashMap<>();
        for (String block : text.split("\u0001")) {
            if (block.isBlank()) {
                continue;
            }
            int nl = block.indexOf('\n');
            String hash = (nl < 0 ? block : block.substring(0, nl)).replace("\0", "").trim();
            Set<Line> lines = new HashSet<>();
            commits.put(hash, lines);
            if (nl < 0) {
                continue;
            }
            String[] fields = block.substring(nl + 1).split("\0", -1);
            for (int i = 0; i < fields.length; i++) {
                String f = fields[i].replaceFirst("^\n+", "");
                if (f.isEmpty()) {
                    continue;
                }
                String[] parts = f.split("\t", 3);
                int ins = parts[0].equals("-") ? -1 : Integer.parseInt(parts[0]);
                int del = parts[1].equals("-") ? -1 : Integer.parseInt(parts[1]);
                String path = parts[2];
                if (path.isEmpty()) {
                    path = fields[i + 2]; // rename: old and new paths follow as their own fields
                    i += 2;
                }
                lines.add(new Line(path, ins, del));
            }
        }
        return commits;
    }

    /** The scraped commits' numstat; a claim-checked file list is read back from {@code blobs}. */
    public static Map<String, Set<Line>> ofScrape(List<CommitRecord> commits, BlobStore blobs) {
        Map<String, Set<Line>> result = new LinkedHashMap<>();
        for (CommitRecord c : commits) {
            result.put(c.hash(), lines(files(c, blobs)));
        }
        return result;
    }

    /** One commit's numstat lines; binary files count -1/-1 as git prints "-". */
    public static Set<Line> lines(List<FileChange> files) {
        Set<Line> lines = new HashSet<>();
        for (FileChange f : files) {
            lines.add(f.binary() ? new Line(f.path(), -1, -1) : new Line(f.path(), f.insertions(), f.deletions()));
        }
        return lines;
    }

    /** A commit's files, inline or claim-checked. */
    public static List<FileChange> files(CommitRecord commit, BlobStore blobs) {
        return commit.filesRef() == null ? commit.files()
                : List.of(Json.read(blobs.get(commit.filesRef()), FileChange[].class));
    }

    /** A file's patch, inline or claim-checked. */
    public static String patch(FileChange file, BlobStore blobs) {
        return file.patchRef() == null ? file.patch()
                : new String(blobs.get(file.patchRef()), StandardCharsets.UTF_8);
    }
}
