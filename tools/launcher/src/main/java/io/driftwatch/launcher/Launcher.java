package io.driftwatch.launcher;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.Topics;
import io.driftwatch.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code java -jar tools/launcher/target/driftwatch-launcher.jar}: runs Driftwatch locally on the
 * embedded defaults (API :8080, Kafka :9092, PostgreSQL :15432, simulator :4566, services
 * :8081-8084), prints where everything is, then prints each alert as it happens. Ctrl-C stops
 * everything. Flags: --accounts N (default 12), --seed S (default 42), --cron "&lt;quartz&gt;" (default every 10 minutes), --collectors N (collector replicas, default 1).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // The simulator and the gateway are JDK HttpServers: answer small responses without waiting for delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> flags = parseFlags(args);
        Path root = repositoryRoot();
        SimulatorOptions simulator = SimulatorOptions.builder()
                .seed(Long.parseLong(flags.getOrDefault("seed", "42")))
                .accountCount(Integer.parseInt(flags.getOrDefault("accounts", "12")))
                .build();
        Stack.Options options = new Stack.Options(root, root.resolve(".driftwatch"), 8080, 9092, 9093, 15432, 4566,
                Map.of("collector", 8081, "snapshot-diff", 8082, "evaluator", 8083, "notifier", 8084),
                simulator, List.of(), null, flags.getOrDefault("cron", "0 */10 * * * ?"),
                Integer.parseInt(flags.getOrDefault("collectors", "1")), java.util.Set.of(), Map.of());
        long begin = System.nanoTime();
        Stack stack = Stack.start(options, message -> System.out.println("[driftwatch] " + message));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread alertPrinter = new Thread(() -> printAlerts(stack.kafkaBootstrapServers(), stopped), "alert-printer");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[driftwatch] stopping");
            stopped.countDown();
            stack.close();
            System.out.println("[driftwatch] stopped");
        }, "driftwatch-stop"));

        System.out.printf("""

                Driftwatch is running (started in %.1f s).
                  REST API (all services) : %s   e.g. curl -s -X POST %s/collections
                  Alerts (OCSF JSON)      : Kafka topic %s on %s
                  Metrics                 : %s/q/metrics (and :8082, :8083, :8084)
                  OpenAPI                 : <service>/q/openapi   Health: <service>/q/health/ready
                  AWS estate simulator    : %s  (admin API under /admin, see tools/estate-simulator/README.md)
                  Logs                    : %s
                Press Ctrl-C to stop. Alerts follow as they happen:

                """, (System.nanoTime() - begin) / 1e9, stack.apiBaseUrl().replace("127.0.0.1", "localhost"),
                stack.apiBaseUrl().replace("127.0.0.1", "localhost"), Topics.ALERTS, stack.kafkaBootstrapServers(),
                stack.serviceUrls().get("collector"), stack.simulator().endpoint(), root.resolve(".driftwatch/logs"));
        alertPrinter.start();
        stopped.await();
    }

    private static void printAlerts(String bootstrap, CountDownLatch stopped) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "driftwatch-launcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            while (stopped.getCount() > 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(describe(record.value()));
                }
            }
        } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
            // stopping
        } catch (RuntimeException e) {
            if (stopped.getCount() > 0) {
                System.err.println("[driftwatch] alert printer stopped: " + e.getMessage());
            }
        }
    }

    static String describe(String ocsfJson) {
        var alert = CanonicalJson.parse(ocsfJson);
        return String.format("[alert] %-8s %-6s %-22s %s %s %s — %s",
                alert.path("status").asText(), alert.path("severity").asText(),
                alert.at("/compliance/control").asText(), alert.at("/cloud/account/uid").asText(),
                alert.at("/cloud/region").asText(), alert.at("/resources/0/name").asText(),
                alert.at("/finding_info/desc").asText());
    }

    static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--accounts N] [--seed S] [--cron \"<quartz cron>|off\"] [--collectors N]");
            }
            flags.put(args[i].substring(2), args[++i]);
        }
        return flags;
    }

    /** The repository this launcher was built in: it runs the services packaged there. */
    static Path repositoryRoot() throws Exception {
        String configured = System.getProperty("driftwatch.repository.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path p = jar; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("services")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
