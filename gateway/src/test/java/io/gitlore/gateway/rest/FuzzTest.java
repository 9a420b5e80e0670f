package io.gitlore.gateway.rest;

import static io.gitlore.gateway.fixtures.Api.api;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.serde.Json;
import io.gitlore.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Malformed and random bodies to every POST route, a few hundred of them from one printed seed (set it with
 * {@code -Dgitlore.fuzz.seed=N} to replay a run): no answer is a 5xx, and every 400 is JSON with the reason. The
 * stage stand-in answers the bodies that pass, so a 5xx could only be the gateway's own.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(StandInStages.class)
class FuzzTest {

    private static final int BODIES_PER_ROUTE = 80;

    /** A valid body per route, which the mutations start from. */
    private static final Map<String, String> VALID = Map.of(
            "/api/v1/jobs", "{\"repository\":\"/repos/demo\",\"refs\":[\"refs/heads/*\"],"
                    + "\"callbackUrl\":\"http://127.0.0.1:9/hook\"}",
            "/api/v1/search", "{\"repository\":\"demo-0000abcd\",\"query\":\"parse\",\"k\":5,\"mode\":\"hybrid\","
                    + "\"since\":\"2024-01-01T00:00:00Z\",\"path\":\"src\"}",
            "/api/v1/context", "{\"repository\":\"demo-0000abcd\",\"query\":\"parse\",\"k\":3,\"tokenBudget\":500,"
                    + "\"maxHistory\":2,\"maxCoChanged\":2}",
            "/api/v1/generate", "{\"prompt\":\"fn main\",\"maxTokens\":4,\"temperature\":0.5,\"topK\":5,"
                    + "\"topP\":0.9,\"stop\":[\"\\n\"],\"seed\":7}");

    @Test
    void noBodyMakesA5xxAndEvery400SaysWhyInJson() {
        long seed = Long.getLong("gitlore.fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest seed " + seed + " (replay: -Dgitlore.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, String> route : new java.util.TreeMap<>(VALID).entrySet()) {
            for (int i = 0; i < BODIES_PER_ROUTE; i++) {
                byte[] body = body(random, route.getValue());
                Response answer = api().contentType("application/json").body(body).post(route.getKey());
                sent++;
                String problem = problem(answer);
                if (problem != null) {
                    failures.add(route.getKey() + " #" + i + " " + problem + " for body: "
                            + printable(body));
                }
            }
        }
        System.out.println("FuzzTest sent " + sent + " bodies, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), "seed " + seed + ":\n" + String.join("\n", failures.subList(0,
                Math.min(10, failures.size()))));
    }

    private static String problem(Response answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "answered " + status + " " + answer.asString();
        }
        if (status == 400) {
            try {
                JsonNode error = Json.MAPPER.readTree(answer.asString());
                if (!error.path("error").isTextual() || error.path("error").asText().isBlank()) {
                    return "400 without a reason: " + answer.asString();
                }
            } catch (Exception e) {
                return "400 that is not JSON: " + answer.asString();
            }
        }
        return null;
    }

    /** One body: random bytes, random JSON, or the valid body mutated (a field changed, cut, nested, doubled). */
    static byte[] body(Random random, String valid) {
        List<Supplier<String>> kinds = List.of(
                () -> randomJson(random, 0),
                () -> mutate(random, valid),
                () -> mutate(random, valid),
                () -> mutate(random, valid),
                () -> valid.substring(0, random.nextInt(valid.length())),
                () -> "[".repeat(200 + random.nextInt(3000)) + "]".repeat(random.nextInt(5)),
                () -> List.of("", "null", "true", "0", "\"x\"", "[]", "{}", "{\"\":null}", "1e999999",
                        "{\"k\":NaN}", "\ufeff{}").get(random.nextInt(11)));
        if (random.nextInt(12) == 0) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return bytes;
        }
        return kinds.get(random.nextInt(kinds.size())).get().getBytes(StandardCharsets.UTF_8);
    }

    /** The valid body with one field set to a random value (or removed, or duplicated with another value). */
    @SuppressWarnings("unchecked")
    private static String mutate(Random random, String valid) {
        Map<String, Object> fields = Json.read(valid.getBytes(StandardCharsets.UTF_8), Map.class);
        List<String> names = new ArrayList<>(fields.keySet());
        names.add("unknownField");
        String name = names.get(random.nextInt(names.size()));
        int how = random.nextInt(4);
        if (how == 0) {
            fields.remove(name);
        } else {
            fields.put(name, randomValue(random, 0));
        }
        String json = new String(Json.write(fields), StandardCharsets.UTF_8);
        return how == 3 ? json.substring(0, json.length() - 1) + ",\"" + name + "\":" + randomJson(random, 2) + "}"
                : json;
    }

    private static String randomJson(Random random, int depth) {
        return new String(Json.write(randomValue(random, depth)), StandardCharsets.UTF_8);
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 7 : 9)) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: return random.nextInt();
            case 3: return random.nextLong() * (random.nextBoolean() ? 1 : 1_000_000_007L);
            case 4: return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5: return randomString(random);
            case 6: return List.of("", " ", "/", "..", "../../etc/passwd", "/etc", "-x", "refs/heads/*",
                    "https://evil.example/x.git", "git@10.0.0.5:x/y.git", "http://169.254.169.254/", "2024-13-45",
                    "2024-01-01T00:00:00Z", "hybrid", "\u0000", "\ud83d\ude00").get(random.nextInt(16));
            case 7: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                return map;
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(10) == 0 ? 5000 + random.nextInt(5000) : random.nextInt(30);
        for (int i = 0; i < length; i++) {
            s.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(0x5f)));
        }
        return s.toString();
    }

    private static String printable(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\n", "\\n");
        return text.length() > 300 ? text.substring(0, 300) + "… (" + body.length + " bytes)" : text;
    }
}
