package io.gitlore.scraper.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The refs a scrape covers, read from a repository after the ref filter: which commit each points to, their short
 * and full names, which are tags; and from them, which refs contain each commit of the walk.
 *
 * <p>Refs are numbered by their position in {@code names}; {@code commits} maps each tip to the refs pointing at it.
 */
record RefTips(Map<RevCommit, List<Integer>> commits, List<String> names, List<String> fullNames,
               Set<Integer> branches, Set<Integer> tags, int refCount, boolean detachedHead) {

    /** The branches and tags listed on one commit record, and how many more were left out. */
    record Names(List<String> branches, List<String> tags, int omitted) {
    }

    static RefTips read(Repository repo, RevWalk walk, List<String> filter, List<String> notes) throws IOException {
        Map<RevCommit, List<Integer>> commits = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<String> fullNames = new ArrayList<>();
        Set<Integer> branches = new HashSet<>();
        Set<Integer> tags = new HashSet<>();
        List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefs());
        Ref head = repo.exactRef(Constants.HEAD);
        boolean detached = head != null && !head.isSymbolic() && head.getObjectId() != null;
        if (detached) {
            if (refs.stream().noneMatch(r -> r.getName().equals(Constants.HEAD))) {
                refs.add(head);
            }
            notes.add("HEAD is detached at " + head.getObjectId().abbreviate(7).name()
                    + "; its history is included as ref HEAD");
        }
        int refCount = 0;
        for (Ref ref : refs) {
            if (ref.isSymbolic() || ref.getObjectId() == null || !RefFilter.matches(filter, ref.getName())) {
                continue;
            }
            RevObject target;
            try {
                target = walk.peel(walk.parseAny(ref.getObjectId()));
            } catch (MissingObjectException e) {
                notes.add("ref " + ref.getName() + " points to a missing object " + e.getObjectId().name()
                        + " and was left out");
                continue;
            }
            if (!(target instanceof RevCommit commit)) {
                continue; // tags of trees or blobs have no history
            }
            refCount++;
            int id = names.size();
            String name = ref.getName();
            fullNames.add(name);
            if (name.startsWith(Constants.R_TAGS)) {
                names.add(name.substring(Constants.R_TAGS.length()));
                tags.add(id);
            } else {
                names.add(Repository.shortenRefName(name));
                branches.add(id);
            }
            commits.computeIfAbsent(commit, c -> new ArrayList<>()).add(id);
        }
        return new RefTips(commits, names, fullNames, branches, tags, refCount, detached);
    }

    RevCommit commitOf(int ref) {
        for (Map.Entry<RevCommit, List<Integer>> e : commits.entrySet()) {
            if (e.getValue().contains(ref)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * For each commit (same positions as {@code newestFirst}), the refs whose history contains it. Children come
     * before parents in topological order, so one forward pass pushes each commit's set into its parents.
     */
    BitSet[] containment(List<RevCommit> newestFirst) {
        Map<RevCommit, Integer> position = new HashMap<>(newestFirst.size() * 2);
        for (int i = 0; i < newestFirst.size(); i++) {
            position.put(newestFirst.get(i), i);
        }
        BitSet[] sets = new BitSet[newestFirst.size()];
        for (Map.Entry<RevCommit, List<Integer>> tip : commits.entrySet()) {
            Integer pos = position.get(tip.getKey());
            if (pos != null) {
                BitSet set = sets[pos] == null ? (sets[pos] = new BitSet()) : sets[pos];
                tip.getValue().forEach(set::set);
            }
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            BitSet set = sets[i] == null ? (sets[i] = new BitSet()) : sets[i];
            for (RevCommit parent : newestFirst.get(i).getParents()) {
                Integer pos = position.get(parent);
                if (pos == null) {
                    continue;
                }
                if (sets[pos] == null) {
                    sets[pos] = (BitSet) set.clone();
                } else {
                    sets[pos].or(set);
                }
            }
        }
        return sets;
    }

    /** The names of the refs in {@code containing}, at most {@code max} of them, tags apart from branches. */
    Names names(BitSet containing, int max) {
        List<String> branchNames = new ArrayList<>();
        List<String> tagNames = new ArrayList<>();
        int omitted = 0;
        for (int ref = containing.nextSetBit(0); ref >= 0; ref = containing.nextSetBit(ref + 1)) {
            if (branchNames.size() + tagNames.size() >= max) {
                omitted++;
            } else if (tags.contains(ref)) {
                tagNames.add(names.get(ref));
            } else {
                branchNames.add(names.get(ref));
            }
        }
        return new Names(branchNames, tagNames, omitted);
    }

    /**
     * The ref whose files are snapshotted: the requested one (full or short name), else the default branch (what
     * HEAD points to, or HEAD itself when detached). Returns its index among the tips, or -1 with a note.
     */
    int snapshotRef(Repository repo, String requested, List<String> notes) throws IOException {
        String wanted = requested;
        if (wanted == null || wanted.isBlank()) {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || head.getObjectId() == null && !head.isSymbolic()) {
                return -1;
            }
            wanted = head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD;
        }
        for (int i = 0; i < fullNames.size(); i++) {
            String full = fullNames.get(i);
            if (full.equals(wanted) || full.equals(Constants.R_HEADS + wanted) || full.equals(Constants.R_TAGS + wanted)
                    || names.get(i).equals(wanted)) {
                return i;
            }
        }
        if (!commits.isEmpty()) {
            notes.add("snapshot ref '" + wanted + "' is not among the scraped refs: no snapshot");
        }
        return -1;
    }
}
