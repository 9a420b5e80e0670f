package io.gitlore.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.gitlore.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document covers every route of the resource classes under {@code /api/v1}, each with the API key as
 * its security, the 401 and 403 answers, and a schema for its success; Swagger UI is served.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OpenApiTest {

    /** Every resource class whose routes the document must hold. */
    static final List<Class<?>> RESOURCES = List.of(JobsResource.class, StagesResource.class, ContextResource.class);

    /** The routes the resource classes declare, read from their annotations: path to its HTTP methods. */
    static Map<String, Set<String>> declaredRoutes() {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : m.isAnnotationPresent(DELETE.class) ? "delete" : null;
                Operation op = m.getAnnotation(Operation.class);
                if (verb == null || op != null && op.hidden()) {
                    continue;
                }
                Path path = m.getAnnotation(Path.class);
                routes.computeIfAbsent(base + (path == null ? "" : path.value()), k -> new TreeSet<>()).add(verb);
            }
        }
        return routes;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsDocumentedWithTheKeyItsErrorsAndASchema() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        Map<String, Set<String>> documented = new TreeMap<>();
        paths.forEach((path, ops) -> {
            if (path.startsWith("/api/")) {
                documented.put(path, new TreeSet<>(ops.keySet()));
            }
        });
        Map<String, Set<String>> declared = declaredRoutes();
        assertTrue(declared.size() >= 7, declared.toString());
        assertEquals(declared, documented);

        for (Map.Entry<String, Set<String>> route : documented.entrySet()) {
            for (String verb : route.getValue()) {
                Map<String, Object> op = (Map<String, Object>) paths.get(route.getKey()).get(verb);
                String where = verb.toUpperCase(Locale.ROOT) + " " + route.getKey();
                assertEquals(List.of(Map.of("apiKey", List.of())), op.get("security"), where);
                assertNotNull(op.get("summary"), where);
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) op.get("responses");
                assertTrue(responses.containsKey("401") && responses.containsKey("403"), where + " " + responses);
                Map<String, Object> success = responses.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("2")).map(Map.Entry::getValue).findFirst()
                        .orElseThrow(() -> new AssertionError(where + " has no success answer"));
                Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) success.get("content");
                assertNotNull(content, where + " documents no body for its success");
                content.values().forEach(media -> assertNotNull(media.get("schema"), where));
                if (!"get".equals(verb)) {
                    assertTrue(responses.containsKey("400") || responses.containsKey("404"), where);
                }
            }
        }
        assertEquals("apiKey", doc.getString("components.securitySchemes.apiKey.type"));
        assertEquals("header", doc.getString("components.securitySchemes.apiKey.in"));
        assertEquals("X-API-Key", doc.getString("components.securitySchemes.apiKey.name"));
        for (String schema : List.of("JobView", "StageView", "ApiError", "TrainingReport", "JobRequest",
                "SearchRequest", "SearchResponse", "SearchHit", "UnitChange", "ContextRequest", "ContextAnswer",
                "RunManifest")) {
            assertFalse(doc.getMap("components.schemas." + schema).isEmpty(), schema);
        }
        assertEquals("#/components/schemas/ApiError",
                doc.getString("components.responses.NotFound.content.'application/json'.schema.$ref"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
