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
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.context.ContextAnswer.Change;
import io.gitlore.gateway.context.SearchHits.UnitHits;
import io.gitlore.gateway.service.RejectedRequestException;
import io.gitlore.gateway.store.CoChangeStore;
import io.gitlore.gateway.store.CoChangeStore.CoChange;
import io.gitlore.gateway.store.CoChangeStore.FileHistory;
import io.gitlore.gateway.store.CommitLine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * History-aware context: takes the embedder's hits for a query (a JSON search answer), groups them by code unit,
 * gives each unit its history (the embedder's when it sends one, else the file's commits from the scraper's commit
 * records), the files that usually change with it (co-change counts) and its tests, and packs them into a
 * prompt-ready block within a token budget. How it is computed: docs/gateway.md.
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

    public ContextAnswer context(String repositoryId, ContextRequest request, JsonNode searchAnswer) {
        int budget = budget(request);
        int maxHistory = request.maxHistory() == null ? config.history() : request.maxHistory();
        int maxCoChanged = request.maxCoChanged() == null ? 5 : request.maxCoChanged();
        List<UnitHits> hits = SearchHits.units(searchAnswer);
        hits = hits.subList(0, Math.min(hits.size(), request.kOrDefault()));

        List<ContextAnswer.Unit> units = new ArrayList<>();
        List<ContextPacker.Section> sections = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            UnitHits hit = hits.get(i);
            Optional<FileHistory> file = coChanges.history(repositoryId, hit.path());
            String source = hit.history() != null ? "embedder" : file.isPresent() ? "commits" : "hits";
            List<Change> history = (hit.history() != null ? hit.history()
                    : file.map(f -> f.latest().stream().map(ContextService::change).toList()).orElse(hit.ownCommits()))
                    .stream().limit(maxHistory).toList();
            Change firstSeen = hit.firstSeen() != null ? hit.firstSeen()
                    : file.map(f -> change(f.first())).orElse(hit.ownCommits().isEmpty() ? null
                    : hit.ownCommits().get(hit.ownCommits().size() - 1));
            List<CoChange> together = coChanges.coChanged(repositoryId, hit.path(), maxCoChanged);
            List<String> tests = hit.tests() != null ? hit.tests() : together.stream().map(CoChange::path)
                    .filter(p -> TEST.matcher(p).find()).toList();
            if (hit.tests() == null && TEST.matcher(hit.path()).find()) {
                tests = List.of();
            }
            ContextAnswer.Unit unit = new ContextAnswer.Unit(i + 1, hit.path(), hit.name(), hit.kind(),
                    hit.language(), hit.startLine(), hit.endLine(), hit.score(), hit.deleted(), firstSeen, history,
                    source, file.map(FileHistory::commits).orElse(0), together, tests, false, false, 0);
            units.add(unit);
            sections.add(new ContextPacker.Section(heading(unit), hit.content(), hit.language()));
        }
        String preamble = "# Code context for: " + oneLine(request.query()) + "\n"
                + "Repository " + repositoryId + "; " + units.size() + " code units, best match first, each with "
                + "its history and the files that usually change with it.\n";
        ContextPacker.Packed packed = packer.pack(preamble, sections, budget);
        List<ContextAnswer.Unit> answered = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            ContextAnswer.Unit u = units.get(i);
            int tokens = packed.sectionTokens().get(i);
            answered.add(new ContextAnswer.Unit(u.rank(), u.path(), u.name(), u.kind(), u.language(), u.startLine(),
                    u.endLine(), u.score(), u.deleted(), u.firstSeen(), u.history(), u.historySource(),
                    u.fileCommits(), u.coChanged(), u.tests(), tokens > 0, packed.truncated().get(i), tokens));
        }
        return new ContextAnswer(repositoryId, request.query(), ContextPacker.TOKENIZER, budget, packed.tokens(),
                packed.omitted(), packed.text(), answered);
    }

    /** The unit's heading lines: where and what it is, when it appeared, its latest changes, its neighbours. */
    static String heading(ContextAnswer.Unit u) {
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
            facts.add("deleted: no longer in the code");
        }
        out.append(facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")")
                .append(String.format(Locale.ROOT, " score %.3f%n", u.score()));
        if (u.firstSeen() != null) {
            out.append("First appeared: ").append(describe(u.firstSeen())).append('\n');
        }
        if (!u.history().isEmpty()) {
            out.append(u.historySource().equals("embedder") ? "Latest changes to this unit:\n"
                    : "Latest changes to its file:\n");
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
                + (c.changeType() == null ? "" : " [" + c.changeType().toLowerCase(Locale.ROOT) + "]");
    }

    private static Change change(CommitLine c) {
        return new Change(c.hash(), c.time(), c.author(), c.subject(), null);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
