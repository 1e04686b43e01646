package io.driftwatch.infra;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test support: a webhook receiver that verifies Driftwatch's signature the way a customer's
 * receiver would (its own HMAC code, not the notifier's), and can fail the first N deliveries.
 */
public final class WebhookReceiver implements AutoCloseable {
    public record Delivery(String body, String timestamp, String signature, boolean signatureValid, int status) {
    }

    private final HttpServer server;
    private final String secret;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile String failOnlyContaining = "";

    public WebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String ts = exchange.getRequestHeaders().getFirst("X-Driftwatch-Timestamp");
            String sig = exchange.getRequestHeaders().getFirst("X-Driftwatch-Signature");
            boolean targeted = body.contains(failOnlyContaining);
            int status = targeted && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            deliveries.add(new Delivery(body, ts, sig, valid(ts, sig, body), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    private boolean valid(String ts, String sig, String body) {
        if (ts == null || sig == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8));
            String expectedHeader = "v1=" + HexFormat.of().formatHex(expected);
            long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts));
            return age < 300 && MessageDigest.isEqual(expectedHeader.getBytes(StandardCharsets.UTF_8),
                    sig.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers 500 to the next {@code n} deliveries whose body contains {@code marker}. */
    public void failNext(int n, String marker) {
        failOnlyContaining = marker;
        failuresLeft.set(n);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits until {@code count} accepted (2xx) deliveries whose body matches arrived. */
    public List<Delivery> awaitAccepted(Predicate<String> body, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Delivery> ok = deliveries.stream().filter(d -> d.status() / 100 == 2 && body.test(d.body())).toList();
            if (ok.size() >= count || System.nanoTime() > deadline) {
                return ok;
            }
            Ports.sleep(50);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
