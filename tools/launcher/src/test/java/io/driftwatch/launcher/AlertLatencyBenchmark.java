package io.driftwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.simulator.SimulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not part of the test suite; run with {@code ./mvnw -o -pl tools/launcher verify -Pbench}):
 * the time from a change being collected (the configuration item's capture time, set by the
 * collector when it read the resource) to its alert on driftwatch.alerts (the alert record's
 * timestamp), over N trials that alternately open and close SSH on one security group.
 * Writes target/benchmarks/alert-latency.md.
 */
@Tag("benchmark")
class AlertLatencyBenchmark {
    private static final int TRIALS = Integer.getInteger("driftwatch.bench.trials", 30);

    @Test
    void changeCollectedToAlert() throws Exception {
        Path work = Files.createTempDirectory("driftwatch-bench");
        try (Stack stack = Stack.start(Stack.Options.ephemeral(Launcher.repositoryRoot(), work,
                SimulatorOptions.builder().seed(42).accountCount(10).build()), m -> { })) {
            StackClient client = new StackClient(stack);
            client.collect(null); // baseline inventory
            // Let the pipeline finish the baseline's thousands of changes first: each trial must
            // measure one change through an idle pipeline, not the tail of the initial load.
            int previous = -1;
            long settleDeadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
            for (int stable = 0; stable < 4; ) {
                if (System.nanoTime() > settleDeadline) {
                    throw new AssertionError("the baseline's findings did not settle within 5 minutes");
                }
                Thread.sleep(1000);
                int open = client.openFindingsOfAllRules().size();
                stable = open == previous ? stable + 1 : 0;
                previous = open;
            }
            Set<String> planted = new HashSet<>(client.plantedMisconfigurations());
            JsonNode estate = client.admin("GET", "/admin/estate", null);
            String account = estate.at("/accounts/1/id").asText();
            String region = "us-east-1";
            String groupId = null;
            for (JsonNode sg : client.admin("GET", "/admin/accounts/" + account + "/resources", null)
                    .at("/regions/" + region + "/securityGroups")) {
                String id = sg.get("groupId").asText();
                if (planted.stream().noneMatch(p -> p.endsWith("|" + id))) {
                    groupId = id;
                    break;
                }
            }
            String rulePath = "/admin/accounts/" + account + "/regions/" + region + "/security-groups/" + groupId + "/ingress";
            String rule = "{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"cidrIp\":\"0.0.0.0/0\"}";
            String request = "{\"accountIds\":[\"" + account + "\"],\"regions\":[\"" + region
                    + "\"],\"resourceTypes\":[\"AWS::EC2::SecurityGroup\"]}";
            List<Long> collectedToAlert = new ArrayList<>();
            List<Long> requestToAlert = new ArrayList<>();
            final String sg = groupId;
            for (int trial = 0; trial < TRIALS; trial++) {
                client.admin(trial % 2 == 0 ? "POST" : "DELETE", rulePath, rule);
                try (TopicTail items = new TopicTail(stack.kafkaBootstrapServers(), Topics.CONFIGURATION_ITEMS);
                     TopicTail alerts = new TopicTail(stack.kafkaBootstrapServers(), Topics.ALERTS)) {
                    long requested = System.currentTimeMillis();
                    client.api("POST", "/collections", request);
                    List<ConsumerRecord<String, byte[]>> alert = alerts.await(r -> new String(r.value(), StandardCharsets.UTF_8)
                            .contains(sg), 1, Duration.ofSeconds(30));
                    assertThat(alert).as("alert of trial %d", trial).hasSize(1);
                    long alertAt = alert.get(0).timestamp();
                    List<ConsumerRecord<String, byte[]>> item = items.await(r -> isItemOf(r, sg), 1, Duration.ofSeconds(5));
                    var capture = CollectionEvent.parseFrom(item.get(0).value()).getItem().getCaptureTime();
                    long capturedAt = capture.getSeconds() * 1000 + capture.getNanos() / 1_000_000;
                    collectedToAlert.add(alertAt - capturedAt);
                    requestToAlert.add(alertAt - requested);
                }
            }
            String report = """
                    # Alert latency (change collected -> alert on driftwatch.alerts)

                    Command: `./mvnw -o -pl tools/launcher verify -Pbench` (after `./mvnw install -DskipTests`).
                    Trials: %d (SSH opened/closed alternately on one security group; one-account, one-region,
                    one-type collection per trial; 10-account demo organization; all processes on this machine).

                    | measure | median ms | p99 ms | max ms | mean ms |
                    |---|---|---|---|---|
                    | item captured by collector -> alert record on driftwatch.alerts | %s |
                    | POST /api/v1/collections -> alert record on driftwatch.alerts | %s |
                    """.formatted(TRIALS, stats(collectedToAlert), stats(requestToAlert));
            Path out = Path.of("target/benchmarks/alert-latency.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    private static boolean isItemOf(ConsumerRecord<String, byte[]> record, String groupId) {
        try {
            CollectionEvent event = CollectionEvent.parseFrom(record.value());
            return event.hasItem() && event.getItem().getResourceId().equals(groupId);
        } catch (Exception e) {
            return false;
        }
    }

    static String stats(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
        long max = sorted.get(sorted.size() - 1);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
        return median + " | " + p99 + " | " + max + " | " + String.format("%.0f", mean);
    }

    static JsonNode parse(byte[] bytes) {
        return CanonicalJson.parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
