package io.gitlore.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a Dockerfile and gives its build stages with their instructions, continuation lines joined and comments
 * dropped as Docker does; enough to check what an image runs as, on which base, with which port and health check.
 */
record Dockerfile(Path file, List<Stage> stages) {

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String name, String base, List<Instruction> instructions) {

        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        Optional<String> last(String keyword) {
            List<String> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }

        /** ENV instructions as name to value ({@code ENV A=1 B=2} form). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher("");
            for (String arguments : all("ENV")) {
                pair.reset(arguments);
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2).replace("\"", ""));
                }
            }
            return env;
        }
    }

    static Dockerfile parse(Path file) {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.length() == 0) {
                continue; // comments, also between continuation lines, and blank lines
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                logical.add(current.append(trimmed).toString().strip());
                current.setLength(0);
            }
        }
        List<Stage> stages = new ArrayList<>();
        List<Instruction> global = new ArrayList<>();
        Pattern from = Pattern.compile("(?i)(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?");
        for (String line : logical) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                Matcher m = from.matcher(instruction.arguments());
                if (!m.matches()) {
                    throw new AssertionError(file + ": cannot read FROM " + instruction.arguments());
                }
                String base = resolveArgs(m.group(1), global);
                stages.add(new Stage(m.group(2) == null ? "#" + stages.size() : m.group(2), base, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                global.add(instruction);
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new Dockerfile(file, stages);
    }

    /** {@code ARG NAME=default} before the first FROM, substituted into FROM lines. */
    private static String resolveArgs(String image, List<Instruction> global) {
        String resolved = image;
        for (Instruction arg : global) {
            String[] nameValue = arg.arguments().split("=", 2);
            if (arg.keyword().equals("ARG") && nameValue.length == 2) {
                resolved = resolved.replace("${" + nameValue[0] + "}", nameValue[1]);
            }
        }
        return resolved;
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The modules a {@code case "${MODULE}" in a|b) ;;} guard admits, or empty when there is none. */
    List<String> admittedModules() {
        Matcher guard = Pattern.compile("case \"\\$\\{MODULE}\" in ([a-z|-]+)\\)").matcher(Repository.read(file));
        return guard.find() ? List.of(guard.group(1).split("\\|")) : List.of();
    }
}
