package io.driftwatch.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Points a {@code @QuarkusTest} at the real Kafka broker and PostgreSQL of {@link LocalInfra}. */
public class DriftwatchTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", LocalInfra.kafkaBootstrapServers());
        Map<String, String> db = LocalInfra.database();
        config.put("quarkus.datasource.jdbc.url", db.get("url"));
        config.put("quarkus.datasource.username", db.get("user"));
        config.put("quarkus.datasource.password", db.get("password"));
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by shutdown hooks.
    }
}
