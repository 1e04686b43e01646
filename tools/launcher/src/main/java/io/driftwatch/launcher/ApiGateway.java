package io.driftwatch.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * One base URL for every service's REST API, as an Ingress gives in Kubernetes: requests under
 * /api/v1 are forwarded by path prefix (the same table as helm/driftwatch's Ingress).
 */
final class ApiGateway implements AutoCloseable {
    /** Path prefix → service name. Longest prefix wins. */
    static final Map<String, String> ROUTES = routes();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integer> servicePorts;

    private static Map<String, String> routes() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("/api/v1/collections", "collector");
        for (String p : List.of("resources", "snapshots", "inventory", "baselines", "diff")) {
            r.put("/api/v1/" + p, "snapshot-diff");
        }
        r.put("/api/v1/findings", "evaluator");
        r.put("/api/v1/rules", "evaluator");
        r.put("/api/v1/alerts", "notifier");
        r.put("/api/v1/routes", "notifier");
        return r;
    }

    ApiGateway(int port, Map<String, Integer> servicePorts) {
        this.servicePorts = servicePorts;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("API port " + port + " is taken", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::forward);
        server.start();
    }

    static String serviceFor(String path) {
        String best = null;
        for (String prefix : ROUTES.keySet()) {
            if ((path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + "?"))
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : ROUTES.get(best);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String service = serviceFor(uri.getRawPath());
            if (service == null) {
                problem(exchange, 404, "no Driftwatch API at " + uri.getRawPath() + "; see docs/api.md");
                return;
            }
            String target = "http://127.0.0.1:" + servicePorts.get(service) + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(120))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                problem(exchange, 502, service + " is not answering: " + e.getClass().getSimpleName());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem(exchange, 503, "interrupted");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\""
                + (status == 404 ? "Not Found" : "Bad Gateway") + "\",\"detail\":\"" + detail.replace("\"", "'") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
