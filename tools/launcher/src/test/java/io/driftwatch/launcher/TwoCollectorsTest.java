package io.driftwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Two collector replicas share one organization through the consumer group: every account exactly once. */
class TwoCollectorsTest {

    @Test
    void everyAccountIsCollectedExactlyOnceByOneOfTwoReplicas() throws Exception {
        try (Stack stack = Stack.start(Stack.Options.ephemeral(Launcher.repositoryRoot(), Files.createTempDirectory("driftwatch-2c"),
                        SimulatorOptions.builder().seed(11).accountCount(24).suspendedCount(2).build())
                .withCollectors(2, Map.of()), m -> System.out.println("[2c] " + m));
             TopicTail items = new TopicTail(stack.kafkaBootstrapServers(), Topics.CONFIGURATION_ITEMS)) {
            StackClient client = new StackClient(stack);
            String runId = client.collect(null);
            JsonNode progress = client.api("GET", "/collections/" + runId, null);
            assertThat(progress.get("accountsTotal").asInt()).isEqualTo(22);
            assertThat(progress.get("accountsDone").asInt()).isEqualTo(22);

            List<CollectionRunMarker> markers = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : items.drain(Duration.ofSeconds(3))) {
                CollectionEvent e = CollectionEvent.parseFrom(r.value());
                if (e.hasMarker() && e.getMarker().getRunId().equals(runId)) {
                    markers.add(e.getMarker());
                }
            }
            Map<String, Long> startedPerAccount = count(markers, CollectionRunMarker.Phase.STARTED);
            Map<String, Long> completedPerAccount = count(markers, CollectionRunMarker.Phase.COMPLETED);
            assertThat(startedPerAccount).hasSize(22).allSatisfy((account, n) -> assertThat(n).isEqualTo(1));
            assertThat(completedPerAccount).hasSize(22).allSatisfy((account, n) -> assertThat(n).isEqualTo(1));

            Set<String> replicas = new HashSet<>();
            progress.get("accounts").forEach(a -> replicas.add(a.get("collectedBy").asText()));
            assertThat(replicas).containsExactlyInAnyOrder("collector", "collector-2");
        }
    }

    private static Map<String, Long> count(List<CollectionRunMarker> markers, CollectionRunMarker.Phase phase) {
        return markers.stream().filter(m -> m.getPhase() == phase)
                .collect(Collectors.groupingBy(CollectionRunMarker::getAccountId, Collectors.counting()));
    }
}
