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
    /**
     * Quarkus loads this class once per test application, each in its own class loader, so a static
     * field would start a second broker (in the same work directory, wiping the first one's files)
     * for every test class with other test resources. What was started is therefore recorded in
     * system properties (one set per JVM, string values only: other libraries read them all), under
     * this prefix, and starting is guarded by a lock that is one per JVM too (an interned literal).
     */
    static final String PREFIX = "io.driftwatch.infra.local.";
    private static final Object LOCK = "io.driftwatch.infra.LocalInfra.lock";

    private LocalInfra() {
    }

    public static String kafkaBootstrapServers() {
        String external = System.getenv("DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        synchronized (LOCK) {
            String started = System.getProperty(PREFIX + "kafka");
            if (started == null) {
                KafkaBroker broker = KafkaBroker.startOnFreePorts(workDir().resolve("kafka-" + ProcessHandle.current().pid()));
                deleteWhenStopped(broker, broker.directory());
                started = broker.bootstrapServers();
                System.setProperty(PREFIX + "kafka", started);
            }
            return started;
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
        synchronized (LOCK) {
            if (System.getProperty(PREFIX + "postgres.url") == null) {
                PostgresServer postgres = PostgresServer.startOnFreePort(workDir().resolve("postgres-" + ProcessHandle.current().pid()));
                deleteWhenStopped(postgres, postgres.directory());
                System.setProperty(PREFIX + "postgres.user", postgres.user());
                System.setProperty(PREFIX + "postgres.password", postgres.password());
                System.setProperty(PREFIX + "postgres.url", postgres.jdbcUrl());
            }
            db.put("url", System.getProperty(PREFIX + "postgres.url"));
            db.put("user", System.getProperty(PREFIX + "postgres.user"));
            db.put("password", System.getProperty(PREFIX + "postgres.password"));
        }
        return db;
    }

    /**
     * At JVM exit, stops the server and deletes its directory: test and bench runs would otherwise leave
     * one broker log directory and one database cluster behind per JVM (gigabytes after a bench).
     */
    private static void deleteWhenStopped(AutoCloseable server, Path directory) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close(); // idempotent: waits for the server's own stop hook if that one runs first
                Dirs.deleteRecursively(directory);
            } catch (Exception e) {
                System.err.println("cleaning up " + directory + ": " + e.getMessage());
            }
        }, "local-infra-cleanup"));
    }

    private static Path workDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "driftwatch-test-infra");
    }
}
