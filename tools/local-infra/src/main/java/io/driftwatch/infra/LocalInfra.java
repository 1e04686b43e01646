package io.driftwatch.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka broker and PostgreSQL server the tests need, started once per test JVM and shared by
 * every test class in it. When {@code DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS} or
 * {@code DRIFTWATCH_JDBC_URL} (with {@code DRIFTWATCH_JDBC_USER}/{@code DRIFTWATCH_JDBC_PASSWORD})
 * are set, those existing servers are used instead (for example in a Kubernetes-like CI).
 */
public final class LocalInfra {
    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private LocalInfra() {
    }

    public static synchronized String kafkaBootstrapServers() {
        String external = System.getenv("DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (kafka == null) {
            kafka = Ports.startOnFreePorts(() -> KafkaBroker.start(
                    workDir().resolve("kafka-" + ProcessHandle.current().pid()), Ports.free(), Ports.free()));
        }
        return kafka.bootstrapServers();
    }

    /** JDBC URL, user and password of the test database. */
    public static synchronized Map<String, String> database() {
        Map<String, String> db = new LinkedHashMap<>();
        String external = System.getenv("DRIFTWATCH_JDBC_URL");
        if (external != null && !external.isBlank()) {
            db.put("url", external);
            db.put("user", System.getenv().getOrDefault("DRIFTWATCH_JDBC_USER", "driftwatch"));
            db.put("password", System.getenv().getOrDefault("DRIFTWATCH_JDBC_PASSWORD", ""));
            return db;
        }
        if (postgres == null) {
            postgres = Ports.startOnFreePorts(() -> PostgresServer.start(
                    workDir().resolve("postgres-" + ProcessHandle.current().pid()), Ports.free()));
        }
        db.put("url", postgres.jdbcUrl());
        db.put("user", postgres.user());
        db.put("password", postgres.password());
        return db;
    }

    private static Path workDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "driftwatch-test-infra");
    }
}
