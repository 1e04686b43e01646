package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.LazyCollectionEvent;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.support.Estate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Bad records in a batch are dead-lettered one by one; the valid records of the batch are stored. */
@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
class BatchDeadLetterTest {
    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final Estate e = new Estate(kafka);

    @Test
    void poisonRecordsInABatchDoNotTakeTheValidOnesWithThem() {
        Instant at = Instant.now();
        String run = e.runId("mixed");
        // A head that reads well (so the record passes the polling thread) and a configuration that is
        // not UTF-8: it fails only when the new item is parsed whole, inside the batch.
        byte[] badRest = Estate.invalidAfterTheHead(e.sg("sg-e", "10.0.0.0/8").toBuilder().setRunId(run).build());
        try (TopicTail dlq = Estate.tail(kafka, Topics.DEAD_LETTER); TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            e.sendRaw(List.of(
                    "garbage".getBytes(StandardCharsets.UTF_8),
                    CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(run).setAccountId(e.account)
                            .setPhase(CollectionRunMarker.Phase.STARTED).setAt(Estate.ts(at))).build().toByteArray(),
                    CollectionEvent.newBuilder().setItem(e.sg("sg-a", "10.0.0.0/8").toBuilder().setRunId(run)
                            .setCaptureTime(Estate.ts(at))).build().toByteArray(),
                    CollectionEvent.newBuilder().setItem(e.sg("sg-b", "10.0.0.0/8").toBuilder().setResourceId("")
                            .setRunId(run)).build().toByteArray(),
                    CollectionEvent.newBuilder().setItem(e.sg("sg-c", "10.0.0.0/8").toBuilder().setConfiguration("{not json")
                            .setRunId(run)).build().toByteArray(),
                    // Valid JSON, but a NUL character PostgreSQL cannot turn into text (Prepared.requireNoNul).
                    CollectionEvent.newBuilder().setItem(e.sg("sg-f", "10.0.0.0/8").toBuilder()
                            .setConfiguration("{\"groupId\":\"sg-f\",\"description\":\"nul \\u0000 here\"}").setConfigurationHash("f".repeat(64))
                            .setRunId(run)).build().toByteArray(),
                    CollectionEvent.newBuilder().setItem(e.sg("sg-d", "10.0.0.0/8").toBuilder().setRunId(run)
                            .setCaptureTime(Estate.ts(at))).build().toByteArray(),
                    badRest));

            List<ConsumerRecord<String, byte[]>> dead = dlq.await(r -> e.account.equals(r.key()), 5, Duration.ofSeconds(30));
            assertThat(dead).hasSize(5);
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid driftwatch.v1.CollectionEvent"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid driftwatch.v1.CollectionEvent")
                            .contains("UTF-8"))
                    .anySatisfy(reason -> assertThat(reason).contains("lacks account id, resource type or resource id"))
                    .anySatisfy(reason -> assertThat(reason).contains("not valid JSON"))
                    .anySatisfy(reason -> assertThat(reason).contains("configuration contains the NUL character"));
            assertThat(dead.get(0).headers().lastHeader("dead-letter-topic").value())
                    .isEqualTo(Topics.CONFIGURATION_ITEMS.getBytes(StandardCharsets.UTF_8));
            assertThat(dead.get(0).headers().lastHeader("dead-letter-offset")).isNotNull();
            // Each dead letter carries the record's value exactly as it arrived, decodable or not.
            assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).contains("garbage");
            assertThat(dead).filteredOn(r -> !"garbage".equals(new String(r.value(), StandardCharsets.UTF_8)))
                    .allSatisfy(r -> assertThat(LazyCollectionEvent.parse(r.value()).runId()).isEqualTo(run));
            assertThat(dead).anySatisfy(r -> assertThat(r.value()).isEqualTo(badRest));

            List<ResourceChange> added = Estate.decode(changes.await(e::mine, 2, Duration.ofSeconds(30)));
            assertThat(added).extracting(ResourceChange::getResourceId).containsExactlyInAnyOrder("sg-a", "sg-d");
        }
    }
}
