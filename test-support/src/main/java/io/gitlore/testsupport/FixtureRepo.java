package io.gitlore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Builds real git repositories for tests with JGit: files, commits at a deterministic clock, branches, merges,
 * renames, tags, remote-tracking refs and commits with raw (non-UTF-8) message bytes.
 */
public final class FixtureRepo implements AutoCloseable {

    private final Git git;
    private final Path dir;
    private Instant clock = Instant.parse("2024-01-01T09:00:00Z");
    private String authorName = "Ada Lovelace";
    private String authorEmail = "ada@example.com";

    private FixtureRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static FixtureRepo init(Path dir) {
        try {
            Files.createDirectories(dir);
            return new FixtureRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("Could not create fixture repository in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Repository repository() {
        return git.getRepository();
    }

    public Git git() {
        return git;
    }

    public FixtureRepo author(String name, String email) {
        this.authorName = name;
        this.authorEmail = email;
        return this;
    }

    public FixtureRepo write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public FixtureRepo write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FixtureRepo delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FixtureRepo move(String from, String to) {
        try {
            Path target = dir.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(dir.resolve(from), target);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages every change in the work tree and commits it, one hour after the previous commit. */
    public RevCommit commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            PersonIdent who = nextIdent();
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits the staged work tree with message bytes written as given (no encoding header). */
    public ObjectId commitRawMessage(byte[] message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            Repository repo = repository();
            PersonIdent who = nextIdent();
            ObjectId head = repo.resolve(Constants.HEAD);
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                DirCache index = repo.readDirCache();
                ObjectId tree = index.writeTree(inserter);
                StringBuilder header = new StringBuilder("tree ").append(tree.name()).append('\n');
                if (head != null) {
                    header.append("parent ").append(head.name()).append('\n');
                }
                String ident = who.toExternalString();
                header.append("author ").append(ident).append('\n').append("committer ").append(ident).append("\n\n");
                byte[] head1 = header.toString().getBytes(StandardCharsets.UTF_8);
                byte[] raw = new byte[head1.length + message.length];
                System.arraycopy(head1, 0, raw, 0, head1.length);
                System.arraycopy(message, 0, raw, head1.length, message.length);
                ObjectId id = inserter.insert(Constants.OBJ_COMMIT, raw);
                inserter.flush();
                RefUpdate update = repo.updateRef(repo.getFullBranch());
                update.setNewObjectId(id);
                update.forceUpdate();
                return id;
            }
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public FixtureRepo branch(String name) {
        try {
            git.branchCreate().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public FixtureRepo checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public FixtureRepo deleteBranch(String name) {
        try {
            git.branchDelete().setBranchNames(name).setForce(true).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A no-fast-forward merge of {@code branch} into the current branch. */
    public RevCommit merge(String branch, String message) {
        try {
            PersonIdent who = nextIdent();
            git.merge().include(repository().resolve(branch)).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(false).call();
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public FixtureRepo tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public FixtureRepo annotatedTag(String name, String message) {
        try {
            git.tag().setName(name).setMessage(message).setTagger(nextIdent()).setAnnotated(true).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points {@code refs/remotes/<remoteBranch>} at the current HEAD, as a fetch would. */
    public FixtureRepo remoteRef(String remoteBranch) {
        try {
            RefUpdate update = repository().updateRef(Constants.R_REMOTES + remoteBranch);
            update.setNewObjectId(repository().resolve(Constants.HEAD));
            update.forceUpdate();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Detaches HEAD at the given commit. */
    public FixtureRepo detach(ObjectId commit) {
        try {
            RefUpdate update = repository().updateRef(Constants.HEAD, true);
            update.setNewObjectId(commit);
            update.forceUpdate();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a loose object, as in a copy fetched without its large blobs. */
    public FixtureRepo deleteLooseObject(ObjectId id) {
        try {
            String name = id.name();
            Files.delete(repository().getDirectory().toPath().resolve("objects").resolve(name.substring(0, 2))
                    .resolve(name.substring(2)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectId blobId(ObjectId commit, String path) {
        try (RevWalk walk = new RevWalk(repository());
             var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository(), path,
                     walk.parseCommit(commit).getTree())) {
            return tw.getObjectId(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PersonIdent nextIdent() {
        clock = clock.plusSeconds(3600);
        return new PersonIdent(authorName, authorEmail, clock, ZoneOffset.ofHours(2));
    }

    @Override
    public void close() {
        git.close();
    }

}
