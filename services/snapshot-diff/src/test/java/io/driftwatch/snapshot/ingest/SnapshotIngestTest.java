package io.driftwatch.snapshot.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.driftwatch.events.Topics;
import io.driftwatch.infra.DriftwatchTestResource;
import io.driftwatch.infra.TopicTail;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ListingOutcome;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.support.Estate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DriftwatchTestResource.class)
class SnapshotIngestTest {
    private static final String REGION = "us-east-1";
    private static final String SG = "AWS::EC2::SecurityGroup";
    private static final String INSTANCE = "AWS::EC2::Instance";

    private final String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final String account = String.valueOf(ThreadLocalRandom.current().nextLong(100000000000L, 999999999999L));

    @Test
    void storesVersionsOnlyOnChangeAndInfersDeletionsOnlyFromCompleteListings() throws Exception {
        try (TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            // Run 1: two resources discovered.
            run("run-1", List.of(sg("tcp", 22, "10.0.0.0/8"), instance()),
                    List.of(listing(SG, ListingOutcome.Status.COMPLETE), listing(INSTANCE, ListingOutcome.Status.COMPLETE)));
            List<ResourceChange> first = decode(changes.await(this::mine, 2, Duration.ofSeconds(30)));
            assertThat(first).extracting(ResourceChange::getChangeType)
                    .containsOnly(ResourceChange.ChangeType.ADDED).hasSize(2);

            // Run 2: SSH opened to the world (rules reordered too); the instance listing failed (throttled).
            run("run-2", List.of(sgOpen()),
                    List.of(listing(SG, ListingOutcome.Status.COMPLETE), listing(INSTANCE, ListingOutcome.Status.FAILED)));
            List<ResourceChange> second = decode(changes.await(this::mine, 3, Duration.ofSeconds(30)));
            assertThat(second).hasSize(3);
            ResourceChange modified = second.get(2);
            assertThat(modified.getChangeType()).isEqualTo(ResourceChange.ChangeType.MODIFIED);
            assertThat(modified.getResourceId()).isEqualTo("sg-1");
            assertThat(modified.getFieldChangesList()).singleElement()
                    .satisfies(fc -> assertThat(fc.getPath()).isEqualTo("/ipPermissions[tcp|22|22]/ipRanges[0.0.0.0/0]"));
            assertThat(modified.getConfigurationStateId()).isEqualTo(2);

            // Run 3: unchanged security group, instance listing complete without the instance: deleted.
            run("run-3", List.of(sgOpen()),
                    List.of(listing(SG, ListingOutcome.Status.COMPLETE), listing(INSTANCE, ListingOutcome.Status.COMPLETE)));
            List<ResourceChange> third = decode(changes.await(this::mine, 4, Duration.ofSeconds(30)));
            assertThat(third).hasSize(4);
            assertThat(third.get(3).getChangeType()).isEqualTo(ResourceChange.ChangeType.REMOVED);
            assertThat(third.get(3).getResourceId()).isEqualTo("i-1");
            assertThat(third.get(3).getItem().getStatus()).isEqualTo(ConfigurationItem.Status.RESOURCE_DELETED);
            assertThat(changes.drain(Duration.ofSeconds(2)).stream().filter(this::mine)).hasSize(4);
        }

        given().when().get("/api/v1/resources/" + account + ":" + REGION + ":" + SG + ":sg-1/history")
                .then().statusCode(200)
                .body("versions", hasSize(2))
                .body("versions[0].configurationItemStatus", equalTo("ResourceDiscovered"))
                .body("versions[1].configurationItemStatus", equalTo("OK"))
                .body("versions[1].configurationStateId", equalTo(2));
        given().when().get("/api/v1/resources/" + account + ":" + REGION + ":" + INSTANCE + ":i-1/history")
                .then().statusCode(200)
                .body("versions", hasSize(2))
                .body("versions[1].configurationItemStatus", equalTo("ResourceDeleted"));
    }

    @Test
    void badKeysAndUnknownResourcesAreProblems() {
        given().when().get("/api/v1/resources/not-a-key/history")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().when().get("/api/v1/resources/" + account + ":" + REGION + ":" + SG + ":sg-none/history")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void undecodableRecordGoesToDeadLetterAndConsumptionContinues() throws Exception {
        try (TopicTail dlq = Estate.tail(kafka, Topics.DEAD_LETTER); TopicTail changes = Estate.tail(kafka, Topics.RESOURCE_CHANGES)) {
            TopicTail.send(kafka, Topics.CONFIGURATION_ITEMS, account, "definitely not protobuf".getBytes(StandardCharsets.UTF_8));
            run("run-after-poison", List.of(sg("tcp", 443, "0.0.0.0/0")), List.of(listing(SG, ListingOutcome.Status.COMPLETE)));

            List<ConsumerRecord<String, byte[]>> dead = dlq.await(r -> account.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            String reason = new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("not a valid driftwatch.v1.CollectionEvent");
            assertThat(changes.await(this::mine, 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    /** {@code concurrency=2}: two consumers of the ingest group, which split the topic's partitions between them. */
    @Test
    void ingestRunsOnTwoConsumersSharingThePartitions() throws Exception {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.configuration-items.group.id", String.class);
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.incoming.configuration-items.topic", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                assertThat(description.members()).hasSize(2).allSatisfy(member ->
                        assertThat(member.assignment().topicPartitions()).isNotEmpty());
                assertThat(description.members().stream().mapToInt(member -> member.assignment().topicPartitions().size()).sum())
                        .isEqualTo(partitions);
            });
        }
    }

    private boolean mine(ConsumerRecord<String, byte[]> r) {
        return r.key() != null && r.key().startsWith(account + ":");
    }

    private static List<ResourceChange> decode(List<ConsumerRecord<String, byte[]>> records) throws InvalidProtocolBufferException {
        List<ResourceChange> out = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(ResourceChange.parseFrom(r.value()));
        }
        return out;
    }

    private void run(String runId, List<ConfigurationItem> items, List<ListingOutcome> listings) {
        String run = runId + "-" + account;
        send(CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(run).setAccountId(account)
                .setPhase(CollectionRunMarker.Phase.STARTED).setAt(now())).build());
        for (ConfigurationItem item : items) {
            send(CollectionEvent.newBuilder().setItem(item.toBuilder().setRunId(run).setCaptureTime(now())).build());
        }
        send(CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(run).setAccountId(account)
                .setPhase(CollectionRunMarker.Phase.COMPLETED).setAt(now()).addAllListings(listings)).build());
    }

    private void send(CollectionEvent event) {
        TopicTail.send(kafka, Topics.CONFIGURATION_ITEMS, account, event.toByteArray());
    }

    private ConfigurationItem sg(String protocol, int port, String cidr) {
        return item(SG, "sg-1", """
                {"groupId":"sg-1","groupName":"web","ipPermissions":[{"ipProtocol":"%s","fromPort":%d,"toPort":%d,"ipRanges":[{"cidrIp":"%s"}]}]}"""
                .formatted(protocol, port, port, cidr));
    }

    private ConfigurationItem sgOpen() {
        return item(SG, "sg-1", """
                {"ipPermissions":[{"toPort":22,"ipRanges":[{"cidrIp":"0.0.0.0/0"},{"cidrIp":"10.0.0.0/8"}],"ipProtocol":"tcp","fromPort":22}],"groupName":"web","groupId":"sg-1"}""");
    }

    private ConfigurationItem instance() {
        return item(INSTANCE, "i-1", """
                {"instanceId":"i-1","instanceType":"t3.micro","securityGroups":[{"groupId":"sg-1"}]}""");
    }

    private ConfigurationItem item(String type, String id, String configuration) {
        return ConfigurationItem.newBuilder().setAccountId(account).setAwsRegion(REGION).setResourceType(type)
                .setResourceId(id).setArn("arn:aws:ec2:" + REGION + ":" + account + ":" + id)
                .setConfiguration(configuration).build();
    }

    private static ListingOutcome listing(String type, ListingOutcome.Status status) {
        return ListingOutcome.newBuilder().setRegion(REGION).setResourceType(type).setStatus(status)
                .setErrorCode(status == ListingOutcome.Status.FAILED ? "RequestLimitExceeded" : "").build();
    }

    private static Timestamp now() {
        Instant n = Instant.now();
        return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI serviceBase;

    @Test
    void servesHealthMetricsAndOpenApi() {
        assertThat(io.driftwatch.infra.PlatformEndpoints.problems(serviceBase, "jvm_memory_used_bytes")).isEmpty();
    }
}
