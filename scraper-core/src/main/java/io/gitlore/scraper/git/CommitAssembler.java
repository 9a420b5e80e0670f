package io.gitlore.scraper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.Signature;
import io.gitlore.contracts.serde.Json;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Turns one {@link RevCommit}, its position in history and the refs containing it into a {@link CommitRecord}: the
 * message, signatures and parents, the {@link CommitDiffer}'s files, and the claim-checks that keep the record under
 * one Kafka message.
 */
final class CommitAssembler {

    private final ScrapeOptions options;
    private final CommitDiffer differ;

    CommitAssembler(ScrapeOptions options) {
        this.options = options;
        this.differ = new CommitDiffer(options);
    }

    CommitRecord assemble(CapturingDiffFormatter diff, HistoryScraper.Request request, RevCommit commit, long index,
                          RefTips.Names refs, ScrapeStats stats) throws IOException {
        boolean merge = commit.getParentCount() > 1;
        CommitDiffer.Diff changes = differ.changes(diff, commit, stats);
        List<FileChange> files = changes.files();
        int insertions = 0;
        int deletions = 0;
        for (FileChange f : files) {
            insertions += f.insertions();
            deletions += f.deletions();
            stats.paths.add(f.path());
        }
        List<String> parents = new ArrayList<>(commit.getParentCount());
        for (RevCommit p : commit.getParents()) {
            parents.add(p.name());
        }
        boolean messageNonUtf8 = messageNonUtf8(commit);
        String full = commit.getFullMessage();
        int blank = full.indexOf("\n\n");
        String body = blank < 0 ? "" : full.substring(blank + 2).strip();
        Signature author = signature(commit.getAuthorIdent());
        Signature committer = signature(commit.getCommitterIdent());

        stats.authors.add(author.email().toLowerCase(Locale.ROOT));
        stats.merges += merge ? 1 : 0;
        stats.insertions += insertions;
        stats.deletions += deletions;
        stats.nonUtf8Messages += messageNonUtf8 ? 1 : 0;
        Instant when = committer.time();
        stats.committedAt(when);

        List<FileChange> inline = fitMessage(diff, files, full.length(), stats);
        BlobRef filesRef = null;
        if (inline == null) {
            // Even without patches the file list is too large for one message: claim-check the whole list.
            filesRef = diff.claimCheck(Json.write(files));
            stats.claimChecked++;
            inline = List.of();
        }
        return new CommitRecord(request.jobId(), request.repositoryId(), commit.name(),
                commit.abbreviate(7).name(), index, author, committer, commit.getShortMessage(), body,
                messageNonUtf8, parents, merge, refs.branches(), refs.tags(), refs.omitted(), files.size(),
                insertions, deletions, inline, filesRef, changes.unavailable());
    }

    /**
     * Keeps the commit message under the size limit: spills the largest inline patches to the blob store first;
     * returns {@code null} when even the patch-less file list is too large.
     */
    private List<FileChange> fitMessage(CapturingDiffFormatter diff, List<FileChange> files, int messageLength,
                                        ScrapeStats stats) {
        long budget = (long) (options.maxMessageBytes() * 0.8);
        long estimate = 2_000L + 2L * messageLength;
        for (FileChange f : files) {
            estimate += 600 + 2L * (f.oldPath() == null ? 0 : f.oldPath().length())
                    + 2L * (f.newPath() == null ? 0 : f.newPath().length())
                    + (f.patch() == null ? 0 : (long) (f.patch().length() * 1.2));
        }
        if (estimate <= budget) {
            return files;
        }
        List<FileChange> result = new ArrayList<>(files);
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i).patch() != null) {
                bySize.add(i);
            }
        }
        bySize.sort(Comparator.comparingInt((Integer i) -> result.get(i).patch().length()).reversed());
        for (int i : bySize) {
            if (estimate <= budget) {
                break;
            }
            FileChange f = result.get(i);
            estimate -= (long) (f.patch().length() * 1.2);
            BlobRef ref = diff.claimCheck(f.patch().getBytes(StandardCharsets.UTF_8));
            stats.claimChecked++;
            result.set(i, new FileChange(f.changeType(), f.oldPath(), f.newPath(), f.similarity(), f.insertions(),
                    f.deletions(), f.binary(), f.language(), f.oldBlobId(), f.newBlobId(), null, ref,
                    f.patchBytes(), f.truncated(), f.oldBlob(), f.newBlob(), f.nonUtf8(), f.unavailable()));
        }
        return estimate <= budget ? result : null;
    }

    private static Signature signature(PersonIdent ident) {
        return new Signature(ident.getName(), ident.getEmailAddress(), ident.getWhenAsInstant(),
                ident.getZoneOffset().getId().equals("Z") ? "+00:00" : ident.getZoneOffset().getId());
    }

    private static boolean messageNonUtf8(RevCommit commit) {
        byte[] raw = commit.getRawBuffer();
        int start = RawParseUtils.commitMessage(raw, 0);
        if (start < 0) {
            return false;
        }
        String declared = commit.getEncodingName();
        if (declared != null && !declared.equalsIgnoreCase("utf-8") && !declared.equalsIgnoreCase("utf8")) {
            return false; // decoded with its declared charset
        }
        return !Utf8.isUtf8(raw, start, raw.length - start);
    }
}
