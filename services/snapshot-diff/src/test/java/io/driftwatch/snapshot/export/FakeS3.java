package io.driftwatch.snapshot.export;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny S3 stand-in: records every PUT (path, Authorization header, body) and answers 200 with an ETag. */
public class FakeS3 implements QuarkusTestResourceLifecycleManager {
    public record Put(String path, String authorization, String contentSha256, String body) {
    }

    public static final List<Put> PUTS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("PUT".equals(exchange.getRequestMethod())) {
                PUTS.add(new Put(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("x-amz-content-sha256"), new String(body, StandardCharsets.UTF_8)));
                exchange.getResponseHeaders().add("ETag", "\"fake-etag\"");
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(405, -1);
            }
            exchange.close();
        });
        server.start();
        return Map.of(
                "driftwatch.snapshot.s3.endpoint-override", "http://127.0.0.1:" + server.getAddress().getPort(),
                "driftwatch.snapshot.s3.region", "us-east-1",
                "driftwatch.snapshot.s3.access-key-id", "AKIAFAKEFAKEFAKE",
                "driftwatch.snapshot.s3.secret-access-key", "fake-secret");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
