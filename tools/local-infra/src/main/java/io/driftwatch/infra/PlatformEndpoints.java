package io.driftwatch.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: what every Driftwatch service must serve — readiness that reflects Kafka and the
 * database, liveness, Prometheus metrics and OpenAPI. Returns the problems found (empty = fine).
 */
public final class PlatformEndpoints {
    private PlatformEndpoints() {
    }

    public static List<String> problems(URI base, String expectedMetric) {
        List<String> problems = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        String ready = get(http, base.resolve("/q/health/ready"), problems);
        if (ready != null) {
            if (!ready.contains("\"status\": \"UP\"") && !ready.contains("\"status\":\"UP\"")) {
                problems.add("readiness is not UP: " + ready);
            }
            if (!ready.contains("Reactive Messaging - readiness")) { // the Kafka channels
                problems.add("readiness has no Kafka channel check: " + ready);
            }
            if (!ready.toLowerCase().contains("database")) {
                problems.add("readiness has no database check: " + ready);
            }
        }
        get(http, base.resolve("/q/health/live"), problems);
        String metrics = get(http, base.resolve("/q/metrics"), problems);
        if (metrics != null && !metrics.contains(expectedMetric)) {
            problems.add("metrics lack " + expectedMetric);
        }
        String openapi = get(http, base.resolve("/q/openapi?format=json"), problems);
        if (openapi != null && !openapi.contains("/api/v1/")) {
            problems.add("OpenAPI document names no /api/v1 path");
        }
        return problems;
    }

    private static String get(HttpClient http, URI uri, List<String> problems) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                problems.add(uri.getPath() + " answered " + r.statusCode() + ": " + r.body());
                return null;
            }
            return r.body();
        } catch (Exception e) {
            problems.add(uri.getPath() + ": " + e);
            return null;
        }
    }
}
