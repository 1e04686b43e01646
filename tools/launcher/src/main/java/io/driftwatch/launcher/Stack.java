package io.driftwatch.launcher;

import io.driftwatch.events.Topics;
import io.driftwatch.infra.KafkaBroker;
import io.driftwatch.infra.Ports;
import io.driftwatch.infra.PostgresServer;
import io.driftwatch.simulator.EstateSimulator;
import io.driftwatch.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The whole of Driftwatch on one machine: a Kafka broker (KRaft) and PostgreSQL started from the
 * project's own artifacts, the AWS estate simulator with a demo organization, the four services,
 * and one API gateway. Used by the launcher's main and by the end-to-end tests.
 */
public final class Stack implements AutoCloseable {
    public static final List<String> SERVICES = List.of("snapshot-diff", "evaluator", "notifier", "collector");

    /** Where and how to run; every port may be 0 for "any free port". */
    public record Options(Path repositoryRoot, Path workDir, int apiPort, int kafkaPort, int kafkaControllerPort,
                          int postgresPort, int simulatorPort, Map<String, Integer> servicePorts,
                          SimulatorOptions simulator, List<String> webhookUrls, String webhookSecret, String collectionCron,
                          int collectorReplicas, Set<String> onlyServices, Map<String, String> collectorEnvironment) {

        /** Everything on free ports, cron off: what tests and benchmarks use. */
        public static Options ephemeral(Path repositoryRoot, Path workDir, SimulatorOptions simulator) {
            return new Options(repositoryRoot, workDir, 0, 0, 0, 0, 0, Map.of(), simulator, List.of(), null, "off", 1,
                    Set.of(), Map.of());
        }

        public Options withWebhooks(List<String> urls, String secret) {
            return new Options(repositoryRoot, workDir, apiPort, kafkaPort, kafkaControllerPort, postgresPort, simulatorPort,
                    servicePorts, simulator, urls, secret, collectionCron, collectorReplicas, onlyServices, collectorEnvironment);
        }

        public Options withCollectors(int replicas, Map<String, String> environment) {
            return new Options(repositoryRoot, workDir, apiPort, kafkaPort, kafkaControllerPort, postgresPort, simulatorPort,
                    servicePorts, simulator, webhookUrls, webhookSecret, collectionCron, replicas, onlyServices, environment);
        }

        public Options withOnly(Set<String> services) {
            return new Options(repositoryRoot, workDir, apiPort, kafkaPort, kafkaControllerPort, postgresPort, simulatorPort,
                    servicePorts, simulator, webhookUrls, webhookSecret, collectionCron, collectorReplicas, services,
                    collectorEnvironment);
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private EstateSimulator simulator;
    private ApiGateway gateway;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private String webhookSecret;

    public static Stack start(Options options, java.util.function.Consumer<String> progress) {
        Stack stack = new Stack();
        try {
            stack.boot(options, progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(Options o, java.util.function.Consumer<String> progress) {
        progress.accept("starting Kafka (KRaft) and PostgreSQL");
        CompletableFuture<PostgresServer> pg = CompletableFuture.supplyAsync(() -> o.postgresPort() == 0
                ? PostgresServer.startOnFreePort(o.workDir().resolve("postgres"))
                : PostgresServer.start(o.workDir().resolve("postgres"), o.postgresPort()));
        kafka = o.kafkaPort() == 0 && o.kafkaControllerPort() == 0
                ? KafkaBroker.startOnFreePorts(o.workDir().resolve("kafka"))
                : KafkaBroker.start(o.workDir().resolve("kafka"), port(o.kafkaPort()), port(o.kafkaControllerPort()));
        started.add(kafka);
        postgres = pg.join();
        started.add(postgres);
        kafka.createTopics(Topics.ALL, 6);

        progress.accept("starting the AWS estate simulator");
        SimulatorOptions sim = o.simulator().toBuilder().port(o.simulatorPort()).build();
        simulator = EstateSimulator.start(sim);
        started.add(simulator);

        webhookSecret = o.webhookSecret() != null ? o.webhookSecret() : randomSecret();
        Map<String, String> common = new LinkedHashMap<>();
        common.put("DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("DRIFTWATCH_JDBC_URL", postgres.jdbcUrl());
        common.put("DRIFTWATCH_JDBC_USER", postgres.user());
        common.put("DRIFTWATCH_JDBC_PASSWORD", postgres.password());

        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> instances = new ArrayList<>(SERVICES.stream()
                .filter(s -> o.onlyServices().isEmpty() || o.onlyServices().contains(s)).toList());
        for (int replica = 2; replica <= o.collectorReplicas(); replica++) {
            instances.add("collector-" + replica);
        }
        for (String name : instances) {
            ports.put(name, port(o.servicePorts().getOrDefault(name, 0)));
        }
        progress.accept("starting " + String.join(", ", instances));
        for (String name : instances) {
            String app = name.startsWith("collector") ? "collector" : name;
            Map<String, String> env = new LinkedHashMap<>(common);
            if (app.equals("collector")) {
                env.put("DRIFTWATCH_INSTANCE_ID", name);
                env.put("DRIFTWATCH_COLLECTOR_AWS_ENDPOINT_OVERRIDE", simulator.endpoint().toString());
                // The simulator's fake management keys; in Kubernetes the collector uses its web identity instead.
                env.put("DRIFTWATCH_COLLECTOR_AWS_ACCESS_KEY_ID", simulator.managementAccessKeyId());
                env.put("DRIFTWATCH_COLLECTOR_AWS_SECRET_ACCESS_KEY", simulator.managementSecretAccessKey());
                env.put("DRIFTWATCH_AWS_REGIONS", String.join(",", simulator.regions()));
                env.put("DRIFTWATCH_AWS_ROLE_NAME", simulator.roleName());
                env.put("DRIFTWATCH_COLLECTION_CRON", o.collectionCron());
                env.putAll(o.collectorEnvironment());
            }
            if (app.equals("snapshot-diff")) {
                // Snapshot delivery (POST /snapshots/{runId}/{accountId}/deliveries) goes to the simulator's S3,
                // into the management account's buckets, with its fake keys; in Kubernetes, real S3 and IRSA.
                env.put("DRIFTWATCH_SNAPSHOT_S3_ENDPOINT_OVERRIDE", simulator.endpoint().toString());
                env.put("DRIFTWATCH_SNAPSHOT_S3_REGION", "us-east-1");
                env.put("DRIFTWATCH_SNAPSHOT_S3_ACCESS_KEY_ID", simulator.managementAccessKeyId());
                env.put("DRIFTWATCH_SNAPSHOT_S3_SECRET_ACCESS_KEY", simulator.managementSecretAccessKey());
            }
            if (name.equals("notifier") && !o.webhookUrls().isEmpty()) {
                env.put("DRIFTWATCH_WEBHOOK_URLS", String.join(",", o.webhookUrls()));
                env.put("DRIFTWATCH_WEBHOOK_SECRET", webhookSecret);
            }
            ServiceProcess service = ServiceProcess.start(o.repositoryRoot(), app, name, ports.get(name), env,
                    o.workDir().resolve("logs"));
            services.put(name, service);
            started.add(service);
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(120));
            progress.accept(service.name() + " is ready on " + service.baseUrl());
        }
        gateway = new ApiGateway(port(o.apiPort()), ports);
        started.add(gateway);
    }

    private static int port(int requested) {
        return requested == 0 ? Ports.free() : requested;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + gateway.port() + "/api/v1";
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public EstateSimulator simulator() {
        return simulator;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public Map<String, String> serviceUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((name, s) -> urls.put(name, s.baseUrl()));
        return urls;
    }

    /** Process id of a running service instance, for resource measurements. */
    public long pid(String instance) {
        return services.get(instance).pid();
    }

    public Map<String, Path> serviceLogs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        services.forEach((name, s) -> logs.put(name, s.log()));
        return logs;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** Stops everything in reverse order of start. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping: " + e.getMessage());
            }
        }
        started.clear();
    }
}
