package io.driftwatch.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** HTTP helpers for end-to-end tests and benchmarks: the Driftwatch API and the simulator's admin API. */
final class StackClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Stack stack;

    StackClient(Stack stack) {
        this.stack = stack;
    }

    JsonNode api(String method, String path, String body) {
        return call(method, stack.apiBaseUrl() + path, body);
    }

    /** As {@link #api}, on behalf of a user (the {@code X-Driftwatch-User} header baselines record). */
    JsonNode apiAs(String user, String method, String path, String body) {
        return CanonicalJson.parse(send(method, stack.apiBaseUrl() + path, body, user));
    }

    /** A GET of the API whose body is not JSON (for example a JSON Lines export). */
    String apiText(String path) {
        return send("GET", stack.apiBaseUrl() + path, null, null);
    }

    JsonNode admin(String method, String path, String body) {
        return call(method, stack.simulator().endpoint() + path, body);
    }

    private JsonNode call(String method, String url, String body) {
        String response = send(method, url, body, null);
        return response.isEmpty() ? CanonicalJson.MAPPER.nullNode() : CanonicalJson.parse(response);
    }

    /** The response body; throws on any status from 300 up. */
    private String send(String method, String url, String body, String user) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (user != null) {
                request.header("X-Driftwatch-User", user);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a collection and waits until every account of it completed; returns the run id. */
    String collect(String body) {
        String runId = api("POST", "/collections", body == null ? "{}" : body).get("runId").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (api("GET", "/collections/" + runId, null).get("status").asText().equals("COMPLETED")) {
                return runId;
            }
            sleep(200);
        }
        throw new IllegalStateException("collection " + runId + " did not complete");
    }

    /** The rules the simulator's plain truth set (/admin/misconfigurations) covers. */
    static final java.util.Set<String> ORIGINAL_RULES = java.util.Set.of("sg-open-ssh", "iam-console-no-mfa");

    /** "ruleId|account|region|type|id" of each open finding of the original two rules. */
    List<String> openFindings() {
        return openFindingsOfAllRules().stream().filter(f -> ORIGINAL_RULES.contains(f.substring(0, f.indexOf('|')))).toList();
    }

    /** "ruleId|account|region|type|id" of each open finding, every rule. */
    List<String> openFindingsOfAllRules() {
        List<String> out = new ArrayList<>();
        api("GET", "/findings", null).get("items").forEach(f -> out.add(String.join("|", f.get("ruleId").asText(),
                f.get("accountId").asText(), f.get("region").asText(), f.get("resourceType").asText(), f.get("resourceId").asText())));
        return out;
    }

    /** The same form, for what the simulator planted (computed from its current state). */
    List<String> plantedMisconfigurations() {
        List<String> out = new ArrayList<>();
        admin("GET", "/admin/misconfigurations", null).forEach(m -> out.add(String.join("|", m.get("ruleId").asText(),
                m.get("accountId").asText(), m.get("region").asText(), m.get("resourceType").asText(), m.get("resourceId").asText())));
        return out;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
