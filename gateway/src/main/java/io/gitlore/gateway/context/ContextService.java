package io.gitlore.gateway.context;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.SearchRequest;
import io.gitlore.contracts.search.UnitStatus;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.context.ContextAnswer.Change;
import io.gitlore.gateway.service.RejectedRequestException;
import io.gitlore.gateway.store.CoChangeStore;
import io.gitlore.gateway.store.CoChangeStore.CoChange;
import io.gitlore.gateway.store.CoChangeStore.FileHistory;
import io.gitlore.gateway.store.CommitLine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * History-aware context: takes the embedder's search answer for a query (one hit per code unit, with its status and
 * the commits that changed it), gives each unit when it first appeared and its latest changes (the file's, from the
 * scraper's commit records, for a unit whose changes the index does not hold), marks the deleted ones, adds the files
 * that usually change with it (co-change counts) and its tests, and packs them into a prompt-ready block within a
 * token budget. How it is computed: docs/gateway.md.
 */
@ApplicationScoped
public class ContextService {

    /** Paths that are tests by the usual conventions of the languages gitlore parses. */
    private static final Pattern TEST = Pattern.compile(
            "(^|/)(tests?|__tests__|spec|testing)/|(^|/)tests?\\.(rs|py)$|(^|/)test_[^/]*\\.py$"
                    + "|_test\\.(go|py|rs|c|cc|cpp)$|(Test|Tests|IT)\\.(java|kt|scala)$|\\.(test|spec)\\.[jt]sx?$");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final CoChangeStore coChanges;
    private final GatewayConfig.Context config;
    private final ContextPacker packer = new ContextPacker();

    public ContextService(CoChangeStore coChanges, GatewayConfig config) {
        this.coChanges = coChanges;
        this.config = config.context();
    }

    /** The request's token budget, or a 400 when it is over the gateway's limit (checked before any search). */
    public int budget(ContextRequest request) {
        int budget = request.tokenBudget() == null ? config.defaultBudget() : request.tokenBudget();
        if (budget > config.maxBudget()) {
            throw new RejectedRequestException("tokenBudget", "tokenBudget must be at most " + config.maxBudget()
                    + " (gitlore.gateway.context.max-budget)");
        }
        return budget;
    }

    /**
     * The embedder's search behind a context request: its k, mode and filters, and as many changes per unit as the
     * context shows (the unit's first appearance comes on each hit whatever that limit).
     */
    public SearchRequest search(String repositoryId, ContextRequest request) {
        return request.toEmbedder(repositoryId, maxHistory(request));
    }

    private int maxHistory(ContextRequest request) {
        return request.maxHistory() == null ? config.history() : request.maxHistory();
    }

    public ContextAnswer context(String repositoryId, ContextRequest request, JsonNode searchAnswer) {
        int budget = budget(request);
        int maxHistory = maxHistory(request);
        int maxCoChanged = request.maxCoChanged() == null ? 5 : request.maxCoChanged();
        List<SearchHit> hits = SearchHits.read(searchAnswer);
        hits = hits.subList(0, Math.min(hits.size(), request.kOrDefault()));

        List<ContextAnswer.Unit> units = new ArrayList<>();
        List<ContextPacker.Section> sections = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit hit = hits.get(i);
            Optional<FileHistory> file = coChanges.history(repositoryId, hit.path());
            // A unit whose changes the embedder does not hold (its index has no history) gets its file's instead.
            boolean own = hit.changes() > 0 || file.isEmpty();
            List<Change> history = (own ? SearchHits.changes(hit)
                    : file.get().latest().stream().map(ContextService::change).toList())
                    .stream().limit(maxHistory).toList();
            Change firstSeen = own ? SearchHits.firstSeen(hit) : change(file.get().first());
            List<CoChange> together = coChanges.coChanged(repositoryId, hit.path(), maxCoChanged);
            List<String> tests = TEST.matcher(hit.path()).find() ? List.of()
                    : together.stream().map(CoChange::path).filter(p -> TEST.matcher(p).find()).toList();
            ContextAnswer.Unit unit = new ContextAnswer.Unit(i + 1, hit.id(), hit.path(), name(hit), hit.kind(),
                    hit.language(), hit.status(), hit.startLine(), hit.endLine(), hit.score(),
                    hit.status() == UnitStatus.DELETED, firstSeen, history,
                    own ? hit.changes() : file.get().commits(), own ? "embedder" : "commits",
                    file.map(FileHistory::commits).orElse(0), together, tests, false, false, 0);
            units.add(unit);
            sections.add(new ContextPacker.Section(heading(unit, SearchHits.changes(hit)), hit.content(),
                    hit.language()));
        }
        String preamble = "# Code context for: " + oneLine(request.query()) + "\n"
                + "Repository " + repositoryId + "; " + units.size() + " code units, best match first, each with "
                + "its history and the files that usually change with it.\n";
        ContextPacker.Packed packed = packer.pack(preamble, sections, budget);
        List<ContextAnswer.Unit> answered = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            int tokens = packed.sectionTokens().get(i);
            answered.add(units.get(i).packed(tokens > 0, packed.truncated().get(i), tokens));
        }
        return new ContextAnswer(repositoryId, request.query(), ContextPacker.TOKENIZER, budget, packed.tokens(),
                packed.omitted(), packed.text(), answered);
    }

    private static String name(SearchHit hit) {
        if (hit.qualifiedName() != null) {
            return hit.qualifiedName();
        }
        Object name = hit.metadata() == null ? null : hit.metadata().get("name");
        return name == null ? null : name.toString();
    }

    /**
     * The unit's heading lines: where and what it is (and whether it is still in the code), when it appeared, its
     * latest changes, its neighbours and tests. {@code read} is every change of the unit the embedder sent, so a unit
     * whose first appearance lies beyond them is dated "before" the oldest one read.
     */
    static String heading(ContextAnswer.Unit u, List<Change> read) {
        StringBuilder out = new StringBuilder("## ").append(u.rank()).append(". ").append(u.path());
        if (u.name() != null) {
            out.append(" :: ").append(u.name());
        }
        List<String> facts = new ArrayList<>();
        if (u.kind() != null) {
            facts.add(u.kind());
        }
        if (u.language() != null) {
            facts.add(u.language());
        }
        if (u.startLine() != null && u.endLine() != null) {
            facts.add("lines " + u.startLine() + "-" + u.endLine());
        }
        if (u.deleted()) {
            facts.add("DELETED: no longer in the code, its last version below");
        } else if (u.status() == UnitStatus.HISTORY) {
            facts.add("not in the indexed snapshot: only its changes are indexed");
        }
        out.append(facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")")
                .append(String.format(Locale.ROOT, " score %.3f%n", u.score()));
        boolean own = "embedder".equals(u.historySource());
        if (u.firstSeen() != null) {
            out.append(own ? "First appeared: " : "Its file first appeared: ").append(describe(u.firstSeen()))
                    .append('\n');
        } else if (own && !read.isEmpty()) {
            Change oldest = read.get(read.size() - 1);
            out.append("First appeared: before ").append(oldest.time() == null ? oldest.commit()
                    : DAY.format(oldest.time())).append(" (the ").append(read.size()).append(" latest of its ")
                    .append(u.changes()).append(" changes were read)\n");
        }
        if (!u.history().isEmpty()) {
            out.append(own ? "Latest changes to this unit" : "Latest changes to its file").append(" (")
                    .append(u.history().size()).append(" of ").append(u.changes()).append("):\n");
            u.history().forEach(c -> out.append("- ").append(describe(c)).append('\n'));
        }
        if (!u.coChanged().isEmpty()) {
            out.append("Usually changes with: ").append(u.coChanged().stream()
                    .map(c -> c.path() + " (" + c.commits() + " of " + u.fileCommits() + " commits)")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (!u.tests().isEmpty()) {
            out.append("Tests: ").append(String.join(", ", u.tests())).append('\n');
        }
        return out.toString();
    }

    private static String describe(Change c) {
        String hash = c.commit().length() > 10 ? c.commit().substring(0, 10) : c.commit();
        return hash + (c.time() == null ? "" : " " + DAY.format(c.time()))
                + (c.author() == null ? "" : " " + c.author())
                + (c.subject() == null ? "" : ": " + oneLine(c.subject()))
                + (c.changeType() == null ? "" : " [" + c.changeType().toLowerCase(Locale.ROOT) + "]")
                + (c.pathThen() == null ? "" : " (then in " + c.pathThen() + ")");
    }

    private static Change change(CommitLine c) {
        return new Change(c.hash(), c.time(), c.author(), c.subject(), null, null);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
