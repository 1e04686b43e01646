package io.driftwatch.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kafka broker and PostgreSQL server the tests need, started once per test JVM and shared by
 * every test class in it. When {@code DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS} or
 * {@code DRIFTWATCH_JDBC_URL} (with {@code DRIFTWATCH_JDBC_USER}/{@code DRIFTWATCH_JDBC_PASSWORD})
 * are set, those existing servers are used instead (for example in a Kubernetes-like CI).
 */
public final class LocalInfra {
    /**
     * Quarkus loads this class once per test application, each in its own class loader, so a static
     * field would start a second broker (in the same work directory, wiping the first one's files)
     * for every test class with other test resources. What was started is therefore recorded in the
     * system properties, which are one per JVM, under this key.
     */
    static final String REGISTRY = "io.driftwatch.infra.LocalInfra.started";

    private LocalInfra() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> registry() {
        return (Map<String, String>) System.getProperties().computeIfAbsent(REGISTRY, k -> new ConcurrentHashMap<String, String>());
    }

    public static String kafkaBootstrapServers() {
        String external = System.getenv("DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        Map<String, String> started = registry();
        synchronized (started) {
            return started.computeIfAbsent("kafka", k -> Ports.startOnFreePorts(() -> KafkaBroker.start(
                    workDir().resolve("kafka-" + ProcessHandle.current().pid()), Ports.free(), Ports.free())).bootstrapServers());
        }
    }

    /** JDBC URL, user and password of the test database. */
    public static Map<String, String> database() {
        Map<String, String> db = new LinkedHashMap<>();
        String external = System.getenv("DRIFTWATCH_JDBC_URL");
        if (external != null && !external.isBlank()) {
            db.put("url", external);
            db.put("user", System.getenv().getOrDefault("DRIFTWATCH_JDBC_USER", "driftwatch"));
            db.put("password", System.getenv().getOrDefault("DRIFTWATCH_JDBC_PASSWORD", ""));
            return db;
        }
        Map<String, String> started = registry();
        synchronized (started) {
            if (!started.containsKey("postgres.url")) {
                PostgresServer postgres = Ports.startOnFreePorts(() -> PostgresServer.start(
                        workDir().resolve("postgres-" + ProcessHandle.current().pid()), Ports.free()));
                started.put("postgres.user", postgres.user());
                started.put("postgres.password", postgres.password());
                started.put("postgres.url", postgres.jdbcUrl());
            }
            db.put("url", started.get("postgres.url"));
            db.put("user", started.get("postgres.user"));
            db.put("password", started.get("postgres.password"));
        }
        return db;
    }

    private static Path workDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "driftwatch-test-infra");
    }
}
